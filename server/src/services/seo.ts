import { z } from 'zod';
import { TREND_REGIONS, type WeakPinDTO } from '../../../common/seo';
import { storedSeoSchema } from '../../../common/seo';
import { PIN_RECORD_UID } from '../content-types';
import { mappingPaths, populateFor } from '../mapping/entry-values';
import { pinTexts } from '../mapping/pin-draft';
import { NO_LOCALE } from '../pins/job-keys';
import { readPinField } from '../pins/pin-entry-job';
import { createKeywordCacheStore } from '../seo/keyword-cache-store';
import { createSeoService, type PinLook, type SeoService } from '../seo/seo-service';
import { attributesOf } from '../utils/attributes-of';
import { createRecentReads } from '../utils/recent-reads';
import { isLocalized } from '../utils/is-localized';
import type { PluginCore } from './core';
import type { DesignsService } from './designs';
import type { PinsService } from './pins';

export type { SeoService };

const settingsSchema = z.object({
  defaultRegion: z.enum(TREND_REGIONS).catch('US').default('US'),
  noticeDismissed: z.boolean().catch(false).default(false),
});

/** Attributes whose names say they hold tags or a category: seeds for the keyword search. */
const TAG_ATTRIBUTE = /^(tags?|categor(y|ies)|keywords?|topics?)$/i;

/** The names in a tag attribute's value: text, a list of texts, relations with a name. */
function tagNames(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim());
  if (Array.isArray(value)) return value.flatMap(tagNames);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const name = [o.name, o.title, o.label].find((v) => typeof v === 'string');
    return typeof name === 'string' ? [name] : [];
  }
  return [];
}

/** What this part reads of a link check stored on a pin record. */
const linkCheckSchema = z.object({
  finalUrl: z.string().nullish(),
  problems: z.array(z.object({ code: z.string() })),
});
/** A redirect chain longer than the link check follows. */
const TOO_MANY = 99;

const recordRow = z.object({
  contentType: z.string(),
  entryDocumentId: z.string(),
  entryLocale: z.string(),
  pinId: z.string().nullish(),
  title: z.string().nullish(),
  seo: z.unknown(),
  seoScore: z.number().nullish(),
});

/** Pinterest SEO: keyword suggestions, the pin checklist, the weakest live pins. */
export function createSeo(
  core: PluginCore,
  deps: { pins: PinsService; designs: DesignsService }
): SeoService {
  const { strapi } = core;
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  // every pin's checklist reads them: kept 2 s per instance (as the plugin's settings are), read
  // again at once after a save here
  const recentSettings = createRecentReads<z.infer<typeof settingsSchema>>(2000);
  const readSettings = () =>
    recentSettings.read('seo', async () =>
      settingsSchema.parse((await store().get({ key: 'seo' })) ?? {})
    );
  const localeOf = (uid: string, locale: string | null | undefined) =>
    isLocalized(strapi, uid) && locale && locale !== NO_LOCALE ? locale : undefined;

  const look = (
    p: Awaited<ReturnType<PinsService['preview']>>
  ): (PinLook & { media: PinLook['media'] }) | null =>
    p
      ? {
          title: p.title,
          description: p.description,
          altText: p.altText,
          link: p.link,
          boardId: p.boardId,
          media: p.media
            ? 'width' in p.media
              ? { width: p.media.width, height: p.media.height }
              : { width: null, height: null }
            : null,
        }
      : null;

  return createSeoService({
    client: core.getClient,
    cache: createKeywordCacheStore(strapi),
    settings: {
      get: readSettings,
      async save(patch) {
        const value = { ...(await readSettings()), ...patch };
        await recentSettings.writing(() => store().set({ key: 'seo', value }));
        return value;
      },
    },
    grant: async () => {
      const row = await core.accounts.recentDefault(core.environment());
      if (row) return { source: 'oauth', scopes: row.scopes };
      return { source: core.getConfig().accessToken ? 'static-token' : 'none', scopes: [] };
    },
    preview: async (input) => look(await deps.pins.preview(input)),
    publishedPin: async (ref, loaded, record) => {
      const mapping = await core.mappingFor(ref.contentType);
      if (!mapping) return null;
      const entry = loaded ?? (await core.loadPublishedEntry(ref, mappingPaths(mapping)));
      if (!entry) return null;
      const pin = look(await deps.pins.preview({ ...ref, values: entry }));
      if (!pin) return null;
      // a designed pin sends its 1000×1500 render, not the entry's image
      const field = readPinField(entry, core.pinFieldOf(ref.contentType, mapping));
      const design = await deps.designs.designFor(ref.contentType, field).catch(() => null);
      // the link check of the same job (server/src/links) says whether the link moved, and how far
      // (the pin job passes the record it read; otherwise it is read here)
      const check = linkCheckSchema.safeParse(
        record
          ? record.linkCheck
          : (
              (await strapi.db.query(PIN_RECORD_UID).findOne({
                where: {
                  contentType: ref.contentType,
                  entryDocumentId: ref.documentId,
                  entryLocale: ref.locale,
                },
                select: ['linkCheck'],
              })) as { linkCheck?: unknown } | null
            )?.linkCheck
      );
      const linkRedirects = !check.success
        ? null
        : check.data.problems.some((p) => p.code === 'TOO_MANY_REDIRECTS')
          ? TOO_MANY
          : check.data.finalUrl
            ? 1
            : 0;
      return {
        ...pin,
        linkRedirects,
        ...(design && pin.media && { media: { width: 1000, height: 1500 } }),
      };
    },
    templateFields: async (contentType) => {
      const mapping = await core.mappingFor(contentType);
      if (!mapping) return null;
      // a template names a top-level attribute: `{title}`, not `{seo.metaTitle}`
      const first = (v: string | string[], fallback: string) => {
        const path = Array.isArray(v) ? v[0] : v;
        return path && /^[A-Za-z_][\w-]*$/.test(path) ? path : fallback;
      };
      return {
        title: first(mapping.title, 'title'),
        description: first(mapping.description, 'description'),
      };
    },
    boardName: async (boardId) => {
      if (!boardId) return null;
      return (await deps.pins.boards()).find((b) => b.id === boardId)?.name ?? null;
    },
    tags: async (input) => {
      const attributes = attributesOf(strapi)(input.contentType) ?? {};
      const names = Object.keys(attributes).filter((a) => TAG_ATTRIBUTE.test(a));
      if (!names.length) return [];
      const fromForm = names.flatMap((n) => tagNames(input.values[n]));
      if (fromForm.length || !input.documentId) return fromForm.filter(Boolean);
      const entry: unknown = await strapi.documents(input.contentType as never).findOne({
        documentId: input.documentId,
        ...(localeOf(input.contentType, input.locale) && { locale: input.locale }),
        populate: names.filter((n) => attributes[n]?.type === 'relation'),
      } as never);
      const values = (entry ?? {}) as Record<string, unknown>;
      return names.flatMap((n) => tagNames(values[n])).filter(Boolean);
    },
    corpus: async (contentType, locale) => {
      const mapping = await core.mappingFor(contentType);
      if (!mapping) return [];
      const entries = (await strapi.documents(contentType as never).findMany({
        status: 'published',
        ...(localeOf(contentType, locale) && { locale }),
        populate: populateFor(contentType, mappingPaths(mapping), attributesOf(strapi)),
        sort: 'publishedAt:desc',
        limit: 500,
      } as never)) as unknown as Record<string, unknown>[];
      return entries.map((e) => {
        const t = pinTexts(e, mapping, null);
        return { title: t.title, description: t.description };
      });
    },
    records: {
      async saveSeo(ref, seo) {
        await strapi.db.query(PIN_RECORD_UID).updateMany({
          where: {
            contentType: ref.contentType,
            entryDocumentId: ref.documentId,
            entryLocale: ref.locale,
            pinId: { $notNull: true },
          },
          data: { seo, seoScore: seo.score },
        });
      },
      async weakest(limit) {
        const rows = (await strapi.db.query(PIN_RECORD_UID).findMany({
          where: { status: 'pinned', seoScore: { $notNull: true } },
          orderBy: [{ seoScore: 'asc' }, { id: 'asc' }],
          limit,
        })) as unknown[];
        return rows.flatMap((raw): WeakPinDTO[] => {
          const r = recordRow.safeParse(raw);
          if (!r.success) return [];
          const seo = storedSeoSchema.safeParse(r.data.seo);
          return [
            {
              contentType: r.data.contentType,
              documentId: r.data.entryDocumentId,
              locale: r.data.entryLocale,
              pinId: r.data.pinId ?? null,
              title: r.data.title ?? null,
              score: r.data.seoScore ?? 0,
              failing: seo.success ? seo.data.items.filter((i) => !i.pass).map((i) => i.rule) : [],
              checkedAt: seo.success ? seo.data.checkedAt : null,
            },
          ];
        });
      },
    },
    log: strapi.log,
  });
}
