import type { Core } from '@strapi/strapi';
import type { CampaignSelection } from '../../../common/campaigns';
import { NO_LOCALE } from '../pins/job-keys';
import type { PlanEntry } from './planner';
import { isLocalized } from '../utils/is-localized';
import { attributesOf } from '../utils/attributes-of';
import { populateFor } from '../mapping/entry-values';

export interface EntryCursor {
  /** The id of the last published row read (rows are read in id order). */
  lastId: number;
  /** With chosen entries: the next chunk of their document ids. */
  chunk: number;
}

export interface EntryPage {
  entries: PlanEntry[];
  /** Chosen entries that have no published version (in this locale). */
  unpublished: Array<{ documentId: string; locale: string; title: string | null }>;
  /** Where the next page starts, or null after the last page. */
  next: EntryCursor | null;
}

export const FIRST_PAGE: EntryCursor = { lastId: 0, chunk: 0 };

/**
 * The Document Service filters of a selection (pure): published entries only, in one locale,
 * published in a time range. Filters that need the plugin's own tables (pinned recently, on a
 * board)
 * are applied per page by the planner.
 */
export function selectionFilters(selection: CampaignSelection): Record<string, unknown> {
  const publishedAt: Record<string, string> = {};
  if (selection.publishedAfter) publishedAt.$gt = new Date(selection.publishedAfter).toISOString();
  if (selection.publishedBefore)
    publishedAt.$lt = new Date(selection.publishedBefore).toISOString();
  return Object.keys(publishedAt).length ? { publishedAt } : {};
}

/** Whether a publication time is inside the selection's range (for chosen entries). */
export function publishedInRange(publishedAt: unknown, selection: CampaignSelection): boolean {
  const t = publishedAt ? new Date(publishedAt as string).getTime() : NaN;
  if (selection.publishedAfter && !(t > Date.parse(selection.publishedAfter))) return false;
  if (selection.publishedBefore && !(t < Date.parse(selection.publishedBefore))) return false;
  return true;
}

/**
 * Reads the selected entries page by page through the Document Service — in id order with a cursor
 * (never an offset, never the whole table), with the media the campaign needs populated.
 */
export function createEntrySource(
  strapi: Core.Strapi,
  opts: {
    selection: CampaignSelection;
    /** The paths the campaign reads (media, components and relations are populated for them). */
    paths: string[];
    /** A top-level text attribute naming an entry in the planner, if the title is one. */
    titleField: string | null;
    pageSize: number;
  }
) {
  const uid = opts.selection.contentType;
  const localized = isLocalized(strapi, uid);
  const locale = localized && opts.selection.locale ? { locale: opts.selection.locale } : {};
  const documents = () => strapi.documents(uid as never);
  const base = selectionFilters(opts.selection);
  const toEntry = (row: Record<string, unknown>): PlanEntry => ({
    documentId: String(row.documentId),
    locale: localized && typeof row.locale === 'string' ? row.locale : NO_LOCALE,
    entry: row,
  });
  const populate = populateFor(uid, [...new Set(opts.paths)], attributesOf(strapi));

  return {
    async page(cursor: EntryCursor): Promise<EntryPage> {
      const chosen = opts.selection.documentIds;
      if (chosen) {
        const ids = chosen.slice(cursor.chunk * opts.pageSize, (cursor.chunk + 1) * opts.pageSize);
        const rows = (await documents().findMany({
          status: 'published',
          ...locale,
          filters: { documentId: { $in: ids } },
          populate,
        } as never)) as Array<Record<string, unknown>>;
        const found = new Set(rows.map((r) => String(r.documentId)));
        const missing = ids.filter((id) => !found.has(id));
        const drafts =
          missing.length && opts.titleField
            ? ((await documents().findMany({
                status: 'draft',
                ...locale,
                filters: { documentId: { $in: missing } },
                fields: [opts.titleField],
              } as never)) as Array<Record<string, unknown>>)
            : [];
        const draftTitle = new Map(
          drafts.map((d) => [
            String(d.documentId),
            typeof d[opts.titleField!] === 'string' ? (d[opts.titleField!] as string) : null,
          ])
        );
        const order = new Map(ids.map((id, i) => [id, i]));
        return {
          entries: rows
            .filter((r) => publishedInRange(r.publishedAt, opts.selection))
            .sort((a, b) => order.get(String(a.documentId))! - order.get(String(b.documentId))!)
            .map(toEntry),
          unpublished: missing.map((documentId) => ({
            documentId,
            locale: localized && opts.selection.locale ? opts.selection.locale : NO_LOCALE,
            title: draftTitle.get(documentId) ?? null,
          })),
          next:
            (cursor.chunk + 1) * opts.pageSize < chosen.length
              ? { lastId: 0, chunk: cursor.chunk + 1 }
              : null,
        };
      }
      const rows = (await documents().findMany({
        status: 'published',
        ...locale,
        filters: { ...base, id: { $gt: cursor.lastId } },
        sort: [{ id: 'asc' }],
        limit: opts.pageSize,
        populate,
      } as never)) as Array<Record<string, unknown>>;
      const lastId = rows.length ? Number(rows[rows.length - 1].id) : cursor.lastId;
      return {
        entries: rows.map(toEntry),
        unpublished: [],
        next: rows.length === opts.pageSize ? { lastId, chunk: 0 } : null,
      };
    },
  };
}

export type EntrySource = ReturnType<typeof createEntrySource>;
