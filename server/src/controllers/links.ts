import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PINTEREST_EVENT_NAMES } from '../events/events';
import { linksOf } from '../links';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

const uid = z.string().regex(/^(api|plugin)::[\w-]+\.[\w-]+$/);
const checkBody = z.object({ contentType: uid, link: z.string().trim().min(1).max(2048) }).strict();
const listQuery = z.object({ contentType: uid.optional() }).strict();

const entryParams = z
  .object({
    contentType: uid,
    documentId: z.string().min(1).max(64),
  })
  .strict();

type Ctx = AdminCtx & {
  params: Record<string, unknown>;
  query: unknown;
  request: { body?: unknown };
  body: unknown;
};

/** Link health and the plugin's webhook events, for the admin (server/src/links, events). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const access = createEntryAccess(strapi);
  /**
   * Lists name entries: the caller reads those of the content type filtered on, else of every
   * content type that pins (as the analytics routes).
   */
  const readableTypes = (ctx: Ctx): string | undefined => {
    const { contentType } = validate(listQuery, ctx.query ?? {});
    const types = contentType ? [contentType] : getService(strapi, 'settings').contentTypes();
    for (const type of types) access.assertType(ctx, ['read'], type);
    return contentType;
  };
  return {
    /** A link's health and its page's Rich Pin readiness (the pin field's preview card). */
    async check(ctx: Ctx) {
      const { contentType, link } = validate(checkBody, ctx.request.body);
      // as the preview: Read or Create on the type whose entry is being edited
      access.assertType(ctx, ['read', 'create'], contentType);
      ctx.body = { linkCheck: await linksOf(strapi).previewCheck(link) };
    },

    /** The live pins whose link the scan found broken (the analytics page's list). */
    async broken(ctx: Ctx) {
      const contentType = readableTypes(ctx);
      ctx.body = {
        enabled: linksOf(strapi).enabled(),
        links: await linksOf(strapi).broken(contentType),
      };
    },

    /** Recent live pins' pages and their Rich Pin readiness (the settings page's sample). */
    async richPins(ctx: Ctx) {
      const contentType = readableTypes(ctx);
      ctx.body = {
        enabled: linksOf(strapi).enabled(),
        sample: await linksOf(strapi).richPinSample(contentType),
      };
    },

    /** The link health of an entry's pins (the side panel), for who may read the entry. */
    async forEntry(ctx: Ctx) {
      const { contentType, documentId } = validate(
        entryParams,
        namedParams(ctx.params, ['contentType', 'documentId'])
      );
      await access.assertEntry(ctx, 'read', { contentType, documentId });
      ctx.body = { links: await linksOf(strapi).forEntry(contentType, documentId) };
    },

    /** The webhook events the plugin registers (Settings → Pinterest lists them). */
    webhookEvents(ctx: Ctx) {
      ctx.body = { events: PINTEREST_EVENT_NAMES };
    },
  };
};
