import { useMemo } from 'react';
import { z } from 'zod';
import { answerError, httpError } from '../../api/api-error';

/** A link check as the server reports it (server/src/links/link-verdict.ts). */
const partSchema = z.object({ value: z.string(), source: z.enum(['og', 'schema.org']) }).nullable();
export const linkCheckSchema = z.object({
  url: z.string(),
  checkedAt: z.string(),
  state: z.enum(['ok', 'warning', 'broken', 'skipped']),
  httpStatus: z.number().nullable(),
  finalUrl: z.string().nullable(),
  https: z.boolean(),
  canonical: z.object({ url: z.string(), matches: z.boolean() }).nullable(),
  richPin: z
    .object({
      ready: z.boolean(),
      parts: z.object({
        title: partSchema,
        description: partSchema,
        siteName: partSchema,
        publishedTime: partSchema,
      }),
      missing: z.array(z.string()),
      advice: z.string().nullable(),
    })
    .nullable(),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  advice: z.string().nullable(),
});
export type LinkCheck = z.infer<typeof linkCheckSchema>;

const pinLinkSchema = z.object({
  recordId: z.number(),
  contentType: z.string(),
  documentId: z.string(),
  locale: z.string(),
  pinId: z.string().nullable(),
  pinUrl: z.string().nullable(),
  title: z.string().nullable(),
  link: z.string().nullable(),
  linkStatus: z.string().nullable(),
  linkCheckedAt: z.string().nullable(),
  check: linkCheckSchema.nullable().catch(null),
  fix: z.string().nullable(),
});
export type PinLink = z.infer<typeof pinLinkSchema>;

const webhookSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()).catch({}),
  events: z.array(z.string()),
  isEnabled: z.boolean(),
});
export type Webhook = z.infer<typeof webhookSchema>;

interface Transport {
  get: <T>(url: string) => Promise<{ data: T }>;
  post: <T>(url: string, body: unknown) => Promise<{ data: T }>;
  put: <T>(url: string, body: unknown) => Promise<{ data: T }>;
}

/**
 * Strapi's fetch client (the admin's session), loaded when first used: the pin field's preview
 * card renders in places (component tests) where the admin app is not loaded.
 */
async function transport(): Promise<Transport> {
  const { getFetchClient } = await import('@strapi/strapi/admin');
  return getFetchClient();
}

/**
 * The admin routes of link health and webhook events (every answer checked with zod), and
 * Strapi's own webhook API (`/admin/webhooks`, what Settings → Webhooks uses).
 */
export function useLinksApi() {
  return useMemo(() => {
    async function call<S extends z.ZodType>(
      schema: S,
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      body?: unknown
    ): Promise<z.output<S>> {
      const request = `${method} ${path}`;
      let data: unknown;
      const http = await transport();
      try {
        if (method === 'GET') ({ data } = await http.get<unknown>(path));
        else if (method === 'POST') ({ data } = await http.post<unknown>(path, body ?? {}));
        else ({ data } = await http.put<unknown>(path, body ?? {}));
      } catch (e) {
        throw httpError(e, request);
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw answerError(request, parsed.error.issues[0]?.message ?? '');
      return parsed.data;
    }
    return {
      check: async (contentType: string, link: string) =>
        (
          await call(
            z.object({ linkCheck: linkCheckSchema.nullable() }),
            'POST',
            '/pinterest/links/check',
            { contentType, link }
          )
        ).linkCheck,
      broken: () =>
        call(
          z.object({ enabled: z.boolean(), links: z.array(pinLinkSchema) }),
          'GET',
          '/pinterest/links/broken'
        ),
      richPins: () =>
        call(
          z.object({ enabled: z.boolean(), sample: z.array(pinLinkSchema) }),
          'GET',
          '/pinterest/links/rich-pins'
        ),
      forEntry: async (contentType: string, documentId: string) =>
        (
          await call(
            z.object({ links: z.array(pinLinkSchema) }),
            'GET',
            `/pinterest/links/entries/${encodeURIComponent(contentType)}/${encodeURIComponent(documentId)}`
          )
        ).links,
      events: async () =>
        (await call(z.object({ events: z.array(z.string()) }), 'GET', '/pinterest/webhooks/events'))
          .events,
      webhooks: async () =>
        (await call(z.object({ data: z.array(webhookSchema) }), 'GET', '/admin/webhooks')).data,
      saveWebhookEvents: (webhook: Webhook, events: string[]) =>
        call(z.object({ data: webhookSchema }), 'PUT', `/admin/webhooks/${webhook.id}`, {
          name: webhook.name,
          url: webhook.url,
          headers: webhook.headers,
          events,
          isEnabled: webhook.isEnabled,
        }),
    };
  }, []);
}
