/**
 * Settings → Pinterest → Content types, between the page's shape (`ContentTypeSetupInput`) and a
 * mapping (`ContentTypeMapping`), and what the page shows of each content type. The conversions
 * are pure; `neverPinnedCount` is one SQL count.
 */
import type { Core } from '@strapi/strapi';
import type { ContentTypeSetupInput } from '../../../common/content-types';
import type { ContentTypeMapping } from '../config/schema';
import { sourceList } from '../mapping/entry-values';
import type { StoredMapping } from './settings-store';

/** The mapping an administrator's choices make (stored as such; parsed again when read). */
export function mappingOfInput(input: ContentTypeSetupInput): StoredMapping {
  const link =
    input.link.kind === 'pattern'
      ? {
          // a pattern for every locale is stored as one string
          linkPattern:
            Object.keys(input.link.patterns).length === 1 && input.link.patterns['*']
              ? input.link.patterns['*']
              : input.link.patterns,
        }
      : {};
  return {
    enabled: input.enabled,
    title: input.title,
    description: input.description.length ? input.description : [],
    content: input.content.length ? input.content : [],
    media: input.media,
    ...(input.altText.length && { altText: input.altText }),
    // the attribute default of the config schema is not used when a pattern is set
    link: input.link.kind === 'attribute' ? input.link.path : 'canonicalUrl',
    ...link,
    linkFromPreview: input.link.kind === 'preview',
    missingLink: input.missingLink,
    pinOnPublish: input.pinOnPublish,
    ...(input.defaultBoardId && { defaultBoardId: input.defaultBoardId }),
    ...(input.defaultBoardId &&
      input.defaultBoardSectionId && { defaultBoardSectionId: input.defaultBoardSectionId }),
    onUnpublish: input.onUnpublish,
  };
}

/** A mapping in the page's shape. */
export function inputOfMapping(
  mapping: ContentTypeMapping,
  enabled: boolean
): ContentTypeSetupInput {
  return {
    enabled,
    title: sourceList(mapping.title),
    description: sourceList(mapping.description),
    content: sourceList(mapping.content),
    media: mapping.media,
    altText: sourceList(mapping.altText),
    link: mapping.linkFromPreview
      ? { kind: 'preview' }
      : mapping.linkPattern
        ? {
            kind: 'pattern',
            patterns:
              typeof mapping.linkPattern === 'string'
                ? { '*': mapping.linkPattern }
                : { ...mapping.linkPattern },
          }
        : { kind: 'attribute', path: mapping.link },
    missingLink: mapping.missingLink,
    pinOnPublish: mapping.pinOnPublish,
    defaultBoardId: mapping.defaultBoardId ?? null,
    defaultBoardSectionId: mapping.defaultBoardSectionId ?? null,
    onUnpublish: mapping.onUnpublish,
  };
}

interface ColumnInfo {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

const column = (meta: ColumnInfo, attribute: string, fallback: string) =>
  meta.attributes[attribute]?.columnName ?? fallback;

/**
 * Published entries of `uid` (one per document × locale) with no pin record holding a pin: what
 * "never pinned" counts. One query, whatever the size of the site.
 */
export async function neverPinnedCount(
  strapi: Core.Strapi,
  uid: string,
  recordUid: string,
  /** i18n on for the type (every Strapi 5 table has a `locale` column, NULL without i18n). */
  localized: boolean
): Promise<number> {
  const knex = strapi.db.connection;
  const entries = strapi.db.metadata.get(uid) as unknown as ColumnInfo;
  const records = strapi.db.metadata.get(recordUid) as unknown as ColumnInfo;
  const r = (a: string, f: string) => `r.${column(records, a, f)}`;
  const row: unknown = await knex(`${entries.tableName} as e`)
    .whereNotNull(`e.${column(entries, 'publishedAt', 'published_at')}`)
    .whereNotExists(function pinned() {
      void this.select(knex.raw('1'))
        .from(`${records.tableName} as r`)
        .whereRaw(`${r('contentType', 'content_type')} = ?`, [uid])
        .whereRaw(`${r('entryDocumentId', 'entry_document_id')} = e.document_id`)
        .whereNotNull(r('pinId', 'pin_id'))
        .whereRaw(
          localized
            ? `${r('entryLocale', 'entry_locale')} = e.${column(entries, 'locale', 'locale')}`
            : `${r('entryLocale', 'entry_locale')} = 'default'`
        );
    })
    .count({ n: '*' })
    .first();
  return Number((row as { n?: unknown } | undefined)?.n ?? 0);
}
