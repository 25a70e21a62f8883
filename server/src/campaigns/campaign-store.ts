import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import {
  campaignItemStateSchema,
  campaignStatusSchema,
  SKIP_REASONS,
  storedCampaignInputSchema,
  type CampaignInput,
  type CampaignItemState,
  type CampaignStatus,
  type SkipReason,
} from '../../../common/campaigns';
import { CAMPAIGN_ITEM_UID, CAMPAIGN_UID, PIN_RECORD_UID } from '../content-types';
import {
  dbBoolean,
  dbDate,
  dbNumber,
  dbNumberOrNull,
  dbPinError,
  dbText,
} from '../utils/db-columns';
import { entryKey, type PageHistory, type PlannedRow } from './planner';

/** Where planning stands: the next page of entries, the slots handed out, the counts so far. */
const planStateSchema = z.object({
  cursor: z.object({ lastId: z.number(), chunk: z.number() }),
  assigner: z.object({ cursor: z.number(), taken: z.array(z.number()) }).nullable(),
  counters: z.object({
    examined: z.number(),
    pins: z.number(),
    skipped: z.number(),
    variant: z.number(),
  }),
});
export type PlanState = z.infer<typeof planStateSchema>;

/**
 * The campaign's input as it was accepted, read back with the lenient stored shape (a rule
 * tightened since must not make a running campaign unreadable).
 */
const storedInput = z.custom<CampaignInput>(
  (v) => storedCampaignInputSchema.safeParse(v).success,
  'not a stored campaign input'
);

const campaignRowSchema = z.object({
  id: dbNumber,
  name: z.string(),
  status: campaignStatusSchema,
  input: storedInput,
  startAt: dbNumber,
  planState: planStateSchema.nullish().transform((v) => v ?? null),
  planningDone: dbBoolean,
  dispatchCursor: dbNumberOrNull,
  stopReason: dbPinError,
  createdByName: dbText,
  createdAt: dbDate,
  finishedAt: dbDate,
});
export type CampaignRow = z.infer<typeof campaignRowSchema>;

const campaignItemRowSchema = z.object({
  id: dbNumber,
  campaignId: dbNumber,
  contentType: z.string(),
  entryDocumentId: z.string(),
  entryLocale: z.string(),
  /** The account the pin is made with (null: planned before several accounts, unmigrated). */
  accountId: dbNumberOrNull,
  boardId: z.string(),
  boardSectionId: dbText,
  entryTitle: dbText,
  linkKey: dbText,
  state: campaignItemStateSchema,
  skipReason: z
    .enum(SKIP_REASONS)
    .nullish()
    .transform((v): SkipReason | null => v ?? null),
  runAt: dbNumberOrNull,
  variant: dbNumberOrNull.transform((v) => v ?? 0),
  marker: dbText,
  pinId: dbText,
  pinnedAt: dbNumberOrNull,
  createAttemptedAt: dbNumberOrNull,
  title: dbText,
  description: dbText,
  lastError: dbPinError,
});
export type CampaignItemRow = z.infer<typeof campaignItemRowSchema>;

const ITEMS = 'pinterest_campaign_items';
/** Item states that hold (or will hold) a pin: they count for the spacing of their link. */
const LIVE_STATES: CampaignItemState[] = ['planned', 'queued', 'pinning', 'pinned'];
export const OPEN_STATES: CampaignItemState[] = ['planned', 'queued', 'pinning'];

// what the aggregate and partial reads below answer
const stateCountsSchema = z.array(z.object({ state: campaignItemStateSchema, n: dbNumber }));
const openRangeSchema = z.array(
  z.object({ state: z.string(), first: dbNumberOrNull, last: dbNumberOrNull })
);
const entryPinsSchema = z.array(
  z.object({
    entryDocumentId: z.string(),
    entryLocale: z.string(),
    boardId: z.string(),
    pinId: dbText,
    status: z.string(),
    pinnedAt: dbDate,
  })
);
const pinnedItemsSchema = z.array(
  z.object({
    entry_document_id: z.string(),
    entry_locale: z.string(),
    board_id: z.string(),
    pinned_at: dbNumberOrNull,
  })
);
const linkTimesSchema = z.array(
  z.object({ link_key: z.string(), t: dbNumberOrNull, n: z.coerce.number().int() })
);
const latestSchema = z.object({ t: dbNumberOrNull }).optional();
const pinnedAtsSchema = z.array(z.object({ pinnedAt: z.union([z.string(), z.date()]) }));

const normaliseCampaign = (row: unknown): CampaignRow => campaignRowSchema.parse(row);
const normaliseItem = (row: unknown): CampaignItemRow => campaignItemRowSchema.parse(row);

/** The campaigns and their pins, in Strapi's database. */
export function createCampaignStore(strapi: Core.Strapi) {
  const campaigns = () => strapi.db.query(CAMPAIGN_UID);
  const items = () => strapi.db.query(CAMPAIGN_ITEM_UID);
  const knex = () => strapi.db.connection;

  return {
    async create(data: {
      name: string;
      input: CampaignInput;
      startAt: number;
      createdByName: string | null;
    }): Promise<CampaignRow> {
      return normaliseCampaign(
        await campaigns().create({ data: { ...data, status: 'running', planningDone: false } })
      );
    },

    async get(id: number): Promise<CampaignRow | null> {
      const row: unknown = await campaigns().findOne({ where: { id } });
      return row ? normaliseCampaign(row) : null;
    },

    async list(limit = 50): Promise<CampaignRow[]> {
      return (await campaigns().findMany({ orderBy: { id: 'desc' }, limit })).map(
        normaliseCampaign
      );
    },

    async withStatus(status: CampaignStatus): Promise<CampaignRow[]> {
      return (await campaigns().findMany({ where: { status }, orderBy: { id: 'asc' } })).map(
        normaliseCampaign
      );
    },

    async countWithStatus(status: CampaignStatus): Promise<number> {
      return campaigns().count({ where: { status } });
    },

    async update(id: number, data: Partial<Omit<CampaignRow, 'id'>>): Promise<void> {
      await campaigns().updateMany({ where: { id }, data });
    },

    /** Compare-and-set on the status: true when this caller made the change. */
    async setStatus(
      id: number,
      from: CampaignStatus[],
      data: Partial<Omit<CampaignRow, 'id'>> & { status: CampaignStatus }
    ): Promise<boolean> {
      const { count } = await campaigns().updateMany({
        where: { id, status: { $in: from } },
        data,
      });
      return count === 1;
    },

    /** Writes a page of the plan; rows already there (an entry seen twice) are left as they are. */
    async insertItems(
      campaignId: number,
      contentType: string,
      rows: PlannedRow[],
      trx?: unknown
    ): Promise<void> {
      if (!rows.length) return;
      const now = new Date();
      const values = rows.map((r) => ({
        document_id: randomUUID().replace(/-/g, '').slice(0, 24),
        campaign_id: campaignId,
        content_type: contentType,
        entry_document_id: r.documentId,
        entry_locale: r.locale,
        account_id: r.accountId,
        board_id: r.boardId,
        board_section_id: r.kind === 'pin' ? r.boardSectionId : null,
        entry_title: r.title,
        link_key: r.kind === 'pin' ? r.linkKey : null,
        state: r.kind === 'pin' ? 'planned' : 'skipped',
        skip_reason: r.kind === 'skip' ? r.reason : null,
        run_at: r.kind === 'pin' ? r.runAt : null,
        variant: r.kind === 'pin' ? r.variant : 0,
        created_at: now,
        updated_at: now,
        published_at: now,
      }));
      for (let i = 0; i < values.length; i += 100) {
        // inside the caller's transaction (SQLite has one connection: a second one would wait for
        // ever)
        await ((trx as ReturnType<typeof knex> | undefined) ?? knex())(ITEMS)
          .insert(values.slice(i, i + 100))
          .onConflict([
            'campaign_id',
            'content_type',
            'entry_document_id',
            'entry_locale',
            'board_id',
          ])
          .ignore();
      }
    },

    async counts(campaignId: number): Promise<Record<CampaignItemState, number>> {
      const rows = stateCountsSchema.parse(
        await knex()(ITEMS)
          .where({ campaign_id: campaignId })
          .select('state')
          .count({ n: '*' })
          .groupBy('state')
      );
      const out = {
        planned: 0,
        queued: 0,
        pinning: 0,
        pinned: 0,
        failed: 0,
        skipped: 0,
        cancelled: 0,
      };
      for (const r of rows) out[r.state] = r.n;
      return out;
    },

    /**
     * The first pin handed to the queue, the first still planned, and the latest among those still
     * to go.
     */
    async openRange(
      campaignId: number
    ): Promise<{ firstQueued: number | null; firstPlanned: number | null; last: number | null }> {
      const rows = openRangeSchema.parse(
        await knex()(ITEMS)
          .where({ campaign_id: campaignId })
          .whereIn('state', ['planned', 'queued'])
          .select('state')
          .min({ first: 'run_at' })
          .max({ last: 'run_at' })
          .groupBy('state')
      );
      const of = (state: string) => rows.find((r) => r.state === state);
      const lasts = rows.map((r) => r.last).filter((v): v is number => v !== null);
      return {
        firstQueued: of('queued')?.first ?? null,
        firstPlanned: of('planned')?.first ?? null,
        last: lasts.length ? Math.max(...lasts) : null,
      };
    },

    /** Planned pins whose time has come (or comes before `until`), in time order. */
    async due(campaignId: number, until: number, limit: number): Promise<CampaignItemRow[]> {
      const rows = await items().findMany({
        where: { campaignId, state: 'planned', runAt: { $lte: until } },
        orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
        limit,
      });
      return rows.map(normaliseItem);
    },

    async items(
      campaignId: number,
      opts: { states?: CampaignItemState[]; limit: number; offset: number }
    ): Promise<{ rows: CampaignItemRow[]; total: number }> {
      const where = { campaignId, ...(opts.states && { state: { $in: opts.states } }) };
      const [rows, total] = await Promise.all([
        items().findMany({
          where,
          orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
          limit: opts.limit,
          offset: opts.offset,
        }),
        items().count({ where }),
      ]);
      return { rows: rows.map(normaliseItem), total };
    },

    async item(id: number): Promise<CampaignItemRow | null> {
      const row: unknown = await items().findOne({ where: { id } });
      return row ? normaliseItem(row) : null;
    },

    async updateItem(id: number, data: Partial<Omit<CampaignItemRow, 'id'>>): Promise<void> {
      // updateMany: one statement, no read of the row back
      await items().updateMany({ where: { id }, data });
    },

    /** Compare-and-set on an item's state. */
    async moveItem(
      id: number,
      from: CampaignItemState[],
      data: Partial<Omit<CampaignItemRow, 'id'>>
    ): Promise<boolean> {
      const { count } = await items().updateMany({ where: { id, state: { $in: from } }, data });
      return count === 1;
    },

    /**
     * Every item of a campaign in one of `from` gets `data` (pause: queued → planned; cancel: open
     * → cancelled).
     */
    async moveAll(
      campaignId: number,
      from: CampaignItemState[],
      data: Partial<Omit<CampaignItemRow, 'id'>>
    ): Promise<number> {
      const { count } = await items().updateMany({
        where: { campaignId, state: { $in: from } },
        data,
      });
      return count;
    },

    /**
     * What the database knows about a page of entries: the latest pin per link (made by the plugin,
     * or
     * planned by any campaign), the latest pin made per entry, and which entries have a pin on
     * `onBoardId`.
     */
    async history(
      contentType: string,
      page: Array<{ documentId: string; locale: string; linkKey: string | null }>,
      onBoardId?: string | null
    ): Promise<PageHistory> {
      const linkTimes = new Map<string, number>();
      const entryPinnedAt = new Map<string, number>();
      const onBoard = new Set<string>();
      if (!page.length) return { linkTimes, entryPinnedAt, onBoard, linkPins: new Map() };
      const documentIds = [...new Set(page.map((e) => e.documentId))];
      const linkOf = new Map(page.map((e) => [entryKey(e.documentId, e.locale), e.linkKey]));
      const later = (map: Map<string, number>, key: string, t: number) =>
        map.set(key, Math.max(t, map.get(key) ?? -Infinity));

      const records = entryPinsSchema.parse(
        await strapi.db.query(PIN_RECORD_UID).findMany({
          where: { contentType, entryDocumentId: { $in: documentIds } },
          select: ['entryDocumentId', 'entryLocale', 'boardId', 'pinId', 'status', 'pinnedAt'],
        })
      );
      const linkPins = new Map<string, number>();
      const count = (key: string, n: number) => linkPins.set(key, (linkPins.get(key) ?? 0) + n);
      for (const r of records) {
        const key = entryKey(r.entryDocumentId, r.entryLocale);
        const live = r.pinId && r.status !== 'deleted';
        const recordLink = linkOf.get(key);
        if (r.pinId && recordLink) count(recordLink, 1);
        if (live && onBoardId && r.boardId === onBoardId) onBoard.add(key);
        if (!r.pinnedAt) continue;
        const t = new Date(r.pinnedAt).getTime();
        later(entryPinnedAt, key, t);
        const link = linkOf.get(key);
        if (link) later(linkTimes, link, t);
      }

      const pinned = pinnedItemsSchema.parse(
        await knex()(ITEMS)
          .where({ content_type: contentType, state: 'pinned' })
          .whereIn('entry_document_id', documentIds)
          .select('entry_document_id', 'entry_locale', 'board_id', 'pinned_at')
      );
      for (const r of pinned) {
        const key = entryKey(r.entry_document_id, r.entry_locale);
        if (onBoardId && r.board_id === onBoardId) onBoard.add(key);
        if (r.pinned_at !== null) later(entryPinnedAt, key, r.pinned_at);
      }

      const links = [...new Set(page.map((e) => e.linkKey).filter((k): k is string => Boolean(k)))];
      if (links.length) {
        const rows = linkTimesSchema.parse(
          await knex()(ITEMS)
            .whereIn('link_key', links)
            .whereIn('state', LIVE_STATES)
            .select('link_key')
            .max({ t: knex().raw('COALESCE(pinned_at, run_at)') })
            .count({ n: '*' })
            .groupBy('link_key')
        );
        for (const r of rows) {
          if (r.t !== null) later(linkTimes, r.link_key, r.t);
          count(r.link_key, r.n);
        }
      }
      return { linkTimes, entryPinnedAt, onBoard, linkPins };
    },

    /**
     * The latest pin actually made for a link (campaign pins, and the entry's own pins), other than
     * `excludeItemId`.
     */
    async lastPinOfLink(
      item: Pick<
        CampaignItemRow,
        'id' | 'linkKey' | 'contentType' | 'entryDocumentId' | 'entryLocale'
      >
    ): Promise<number | null> {
      let last = -Infinity;
      if (item.linkKey) {
        const row = latestSchema.parse(
          await knex()(ITEMS)
            .where({ link_key: item.linkKey, state: 'pinned' })
            .whereNot({ id: item.id })
            .max({ t: 'pinned_at' })
            .first()
        );
        last = Math.max(last, row?.t ?? -Infinity);
      }
      const records = pinnedAtsSchema.parse(
        await strapi.db.query(PIN_RECORD_UID).findMany({
          where: {
            contentType: item.contentType,
            entryDocumentId: item.entryDocumentId,
            entryLocale: item.entryLocale,
            pinnedAt: { $notNull: true },
          },
          select: ['pinnedAt'],
        })
      );
      for (const r of records) last = Math.max(last, new Date(r.pinnedAt).getTime());
      return Number.isFinite(last) ? last : null;
    },
  };
}

export type CampaignStore = ReturnType<typeof createCampaignStore>;
