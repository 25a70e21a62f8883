/**
 * Stats on the entries themselves. A content type opts in by having attributes of the plugin's
 * custom
 * fields: `plugin::pinterest.stats` (JSON: every total) and/or `plugin::pinterest.metric` (one
 * number,
 * `options.metric`: what a site sorts and filters by). The sync writes them on every row of the
 * document × locale — draft and published alike — with a plain database update: no new draft, no
 * change of the published state, no `updatedAt` bump. Editors never write them: a Document Service
 * middleware drops them from every create, update and clone, so a stale form cannot put old numbers
 * back (server/src/middlewares/stats-guard.ts).
 */
import type { Core } from '@strapi/strapi';
import {
  ENTRY_METRICS,
  METRIC_FIELD_UID,
  STATS_FIELD_UID,
  type EntryMetric,
  type PinterestStats,
} from '../../../common/analytics';
import { NO_LOCALE } from '../pins/job-keys';
import { isLocalized } from '../utils/is-localized';

export interface StatsAttributes {
  /** Attributes holding the whole `PinterestStats` object. */
  json: string[];
  /** Number attributes and the total each holds. */
  metrics: Array<{ attribute: string; metric: EntryMetric }>;
}

type Attribute = { type?: string; customField?: string; options?: { metric?: string } };

/** The stats attributes of a content type's schema (pure). */
export function statsAttributesOf(
  attributes: Record<string, Attribute> | undefined
): StatsAttributes {
  const json: string[] = [];
  const metrics: StatsAttributes['metrics'] = [];
  for (const [name, a] of Object.entries(attributes ?? {})) {
    if (a.customField === STATS_FIELD_UID) json.push(name);
    else if (a.customField === METRIC_FIELD_UID) {
      const metric = (ENTRY_METRICS as readonly string[]).includes(a.options?.metric ?? '')
        ? (a.options!.metric as EntryMetric)
        : 'saves';
      metrics.push({ attribute: name, metric });
    }
  }
  return { json, metrics };
}

/**
 * The values to write: the stats object into JSON attributes, one total into each number attribute
 * (pure).
 */
export function statsData(
  attrs: StatsAttributes,
  stats: PinterestStats | null
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const name of attrs.json) data[name] = stats;
  for (const { attribute, metric } of attrs.metrics) data[attribute] = stats ? stats[metric] : null;
  return data;
}

/**
 * Removes the stats attributes from data an editor or an API client sends (pure; returns a copy).
 */
export function withoutStats(
  data: Record<string, unknown>,
  attrs: StatsAttributes
): Record<string, unknown> {
  const names = [...attrs.json, ...attrs.metrics.map((m) => m.attribute)];
  if (!names.some((n) => n in data)) return data;
  const copy = { ...data };
  for (const n of names) delete copy[n];
  return copy;
}

export function createEntryStatsWriter(strapi: Core.Strapi) {
  const cache = new Map<string, StatsAttributes>();
  const attrsOf = (uid: string): StatsAttributes => {
    let found = cache.get(uid);
    if (!found) {
      found = statsAttributesOf(
        (strapi.contentType(uid as never) as { attributes?: Record<string, Attribute> } | undefined)
          ?.attributes
      );
      cache.set(uid, found);
    }
    return found;
  };
  const localized = (uid: string) => isLocalized(strapi, uid);
  const has = (a: StatsAttributes) => a.json.length + a.metrics.length > 0;

  return {
    attrsOf,
    hasStats: (uid: string) => Boolean(strapi.contentType(uid as never)) && has(attrsOf(uid)),

    /**
     * Writes an entry's stats on all its rows (draft and published) for that locale. Returns the
     * number
     * of rows changed (0 when the content type has no stats attribute or the entry is gone).
     */
    async write(
      entry: { contentType: string; documentId: string; locale: string },
      stats: PinterestStats | null
    ): Promise<number> {
      if (!strapi.contentType(entry.contentType as never)) return 0;
      const attrs = attrsOf(entry.contentType);
      if (!has(attrs)) return 0;
      const where: Record<string, unknown> = { documentId: entry.documentId };
      if (localized(entry.contentType) && entry.locale !== NO_LOCALE) where.locale = entry.locale;
      const { count } = await strapi.db
        .query(entry.contentType)
        .updateMany({ where, data: statsData(attrs, stats) });
      return count;
    },

    /** Empties a document's stats on all its rows (a clone copies the source's). */
    async clear(contentType: string, documentId: string): Promise<void> {
      await strapi.db
        .query(contentType)
        .updateMany({ where: { documentId }, data: statsData(attrsOf(contentType), null) });
    },
  };
}

export type EntryStatsWriter = ReturnType<typeof createEntryStatsWriter>;
