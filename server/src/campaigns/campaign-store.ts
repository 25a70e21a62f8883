import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type {
  CampaignInput,
  CampaignItemState,
  CampaignStatus,
  SkipReason,
} from '../../../common/campaigns';
import type { PinErrorDTO } from '../../../common/wire';
import { CAMPAIGN_ITEM_UID, CAMPAIGN_UID, PIN_RECORD_UID } from '../content-types';
import type { AssignerState } from './pacing-grid';
import { entryKey, type PageHistory, type PlanCounters, type PlannedRow } from './planner';

/** Where planning stands: the next page of entries, the slots handed out, the counts so far. */
export interface PlanState {
  cursor: { lastId: number; chunk: number };
  assigner: AssignerState | null;
  counters: PlanCounters;
}

export interface CampaignRow {
  id: number;
  name: string;
  status: CampaignStatus;
  input: CampaignInput;
  startAt: number;
  planState: PlanState | null;
  planningDone: boolean;
  dispatchCursor: number | null;
  stopReason: PinErrorDTO | null;
  createdByName: string | null;
  createdAt: string | Date | null;
  finishedAt: string | Date | null;
}

export interface CampaignItemRow {
  id: number;
  campaignId: number;
  contentType: string;
  entryDocumentId: string;
  entryLocale: string;
  boardId: string;
  boardSectionId: string | null;
  entryTitle: string | null;
  linkKey: string | null;
  state: CampaignItemState;
  skipReason: SkipReason | null;
  runAt: number | null;
  variant: number;
  marker: string | null;
  pinId: string | null;
  pinnedAt: number | null;
  createAttemptedAt: number | null;
  title: string | null;
  description: string | null;
  lastError: PinErrorDTO | null;
}

const ITEMS = 'pinterest_campaign_items';
/** Item states that hold (or will hold) a pin: they count for the spacing of their link. */
const LIVE_STATES: CampaignItemState[] = ['planned', 'queued', 'pinning', 'pinned'];
export const OPEN_STATES: CampaignItemState[] = ['planned', 'queued', 'pinning'];

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function normaliseCampaign(row: Record<string, unknown>): CampaignRow {
  const r = row as unknown as CampaignRow;
  return {
    ...r,
    startAt: Number(row.startAt),
    dispatchCursor: num(row.dispatchCursor),
    planningDone: Boolean(row.planningDone),
  };
}

function normaliseItem(row: Record<string, unknown>): CampaignItemRow {
  const r = row as unknown as CampaignItemRow;
  return {
    ...r,
    runAt: num(row.runAt),
    pinnedAt: num(row.pinnedAt),
    createAttemptedAt: num(row.createAttemptedAt),
    variant: Number(row.variant ?? 0),
  };
}

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
      const row = await campaigns().findOne({ where: { id } });
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
      const rows = (await knex()(ITEMS)
        .where({ campaign_id: campaignId })
        .select('state')
        .count({ n: '*' })
        .groupBy('state')) as Array<{ state: CampaignItemState; n: number | string }>;
      const out = {
        planned: 0,
        queued: 0,
        pinning: 0,
        pinned: 0,
        failed: 0,
        skipped: 0,
        cancelled: 0,
      };
      for (const r of rows) out[r.state] = Number(r.n);
      return out;
    },

    /**
     * The first pin handed to the queue, the first still planned, and the latest among those still
     * to go.
     */
    async openRange(
      campaignId: number
    ): Promise<{ firstQueued: number | null; firstPlanned: number | null; last: number | null }> {
      const rows = (await knex()(ITEMS)
        .where({ campaign_id: campaignId })
        .whereIn('state', ['planned', 'queued'])
        .select('state')
        .min({ first: 'run_at' })
        .max({ last: 'run_at' })
        .groupBy('state')) as Array<{ state: string; first: unknown; last: unknown }>;
      const of = (state: string) => rows.find((r) => r.state === state);
      const lasts = rows.map((r) => num(r.last)).filter((v): v is number => v !== null);
      return {
        firstQueued: num(of('queued')?.first),
        firstPlanned: num(of('planned')?.first),
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
      const row = await items().findOne({ where: { id } });
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
      if (!page.length) return { linkTimes, entryPinnedAt, onBoard };
      const documentIds = [...new Set(page.map((e) => e.documentId))];
      const linkOf = new Map(page.map((e) => [entryKey(e.documentId, e.locale), e.linkKey]));
      const later = (map: Map<string, number>, key: string, t: number) =>
        map.set(key, Math.max(t, map.get(key) ?? -Infinity));

      const records = (await strapi.db.query(PIN_RECORD_UID).findMany({
        where: { contentType, entryDocumentId: { $in: documentIds } },
        select: ['entryDocumentId', 'entryLocale', 'boardId', 'pinId', 'status', 'pinnedAt'],
      })) as Array<{
        entryDocumentId: string;
        entryLocale: string;
        boardId: string;
        pinId: string | null;
        status: string;
        pinnedAt: string | Date | null;
      }>;
      for (const r of records) {
        const key = entryKey(r.entryDocumentId, r.entryLocale);
        const live = r.pinId && r.status !== 'deleted';
        if (live && onBoardId && r.boardId === onBoardId) onBoard.add(key);
        if (!r.pinnedAt) continue;
        const t = new Date(r.pinnedAt).getTime();
        later(entryPinnedAt, key, t);
        const link = linkOf.get(key);
        if (link) later(linkTimes, link, t);
      }

      const pinned = (await knex()(ITEMS)
        .where({ content_type: contentType, state: 'pinned' })
        .whereIn('entry_document_id', documentIds)
        .select('entry_document_id', 'entry_locale', 'board_id', 'pinned_at')) as Array<{
        entry_document_id: string;
        entry_locale: string;
        board_id: string;
        pinned_at: unknown;
      }>;
      for (const r of pinned) {
        const key = entryKey(r.entry_document_id, r.entry_locale);
        if (onBoardId && r.board_id === onBoardId) onBoard.add(key);
        const t = num(r.pinned_at);
        if (t !== null) later(entryPinnedAt, key, t);
      }

      const links = [...new Set(page.map((e) => e.linkKey).filter((k): k is string => Boolean(k)))];
      if (links.length) {
        const rows = (await knex()(ITEMS)
          .whereIn('link_key', links)
          .whereIn('state', LIVE_STATES)
          .select('link_key')
          .max({ t: knex().raw('COALESCE(pinned_at, run_at)') })
          .groupBy('link_key')) as Array<{ link_key: string; t: unknown }>;
        for (const r of rows) {
          const t = num(r.t);
          if (t !== null) later(linkTimes, r.link_key, t);
        }
      }
      return { linkTimes, entryPinnedAt, onBoard };
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
        const row = (await knex()(ITEMS)
          .where({ link_key: item.linkKey, state: 'pinned' })
          .whereNot({ id: item.id })
          .max({ t: 'pinned_at' })
          .first()) as { t: unknown } | undefined;
        last = Math.max(last, num(row?.t) ?? -Infinity);
      }
      const records = (await strapi.db.query(PIN_RECORD_UID).findMany({
        where: {
          contentType: item.contentType,
          entryDocumentId: item.entryDocumentId,
          entryLocale: item.entryLocale,
          pinnedAt: { $notNull: true },
        },
        select: ['pinnedAt'],
      })) as Array<{ pinnedAt: string | Date }>;
      for (const r of records) last = Math.max(last, new Date(r.pinnedAt).getTime());
      return Number.isFinite(last) ? last : null;
    },
  };
}

export type CampaignStore = ReturnType<typeof createCampaignStore>;
