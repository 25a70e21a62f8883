import type { Core } from '@strapi/strapi';
import type {
  AnalyticsOverviewDTO,
  AnalyticsStatusDTO,
  EntryAnalyticsDTO,
  TopPinDTO,
  TopPinSort,
  TopPinsDTO,
} from '../../../common/analytics';
import { NO_LOCALE } from '../pins/job-keys';
import { pinUrlOf } from '../pins/pin-record-store';
import { PIN_RECORD_UID } from '../content-types';
import type { PluginConfig } from '../config/schema';
import type { PinterestClient } from '../pinterest/client';
import type { Board } from '../pinterest/schemas';
import type { LeaseStore } from '../queue/lease-store';
import { addDays, ymd } from './days';
import { createEntryStatsWriter, withoutStats } from './entry-stats';
import { createReport, fillSeries, toCsv, type PinRow, type ReportFilters } from './report';
import { createStatsStore } from './stats-store';
import { createStatusStore } from './status-store';
import { createSync, type SyncResult } from './sync';
import { addTotals, emptyTotals, toStats } from './totals';
import { isLocalized } from '../utils/is-localized';

/** The side panel's chart: the last 90 days. */
const PANEL_DAYS = 90;

export interface AnalyticsDeps {
  config: () => PluginConfig;
  /** The Pinterest client of an account (null: the default one). */
  client: (accountId: number | null) => PinterestClient;
  /** This environment's accounts (disconnected ones too). */
  accounts: () => Promise<
    Array<{ id: number; username: string | null; businessName: string | null; status: string }>
  >;
  leases: LeaseStore;
  /** This instance's name, for the sync's lease. */
  owner: string;
  /** An account's boards (null: the default one; cached by the pins service). */
  boards: (accountId?: number | null) => Promise<Board[]>;
  isMapped: (contentType: string) => boolean;
  /** The content types that pin (config and Settings → Pinterest). */
  mappedTypes: () => string[];
}

/**
 * Pin analytics: the scheduled sync, stats on the entries, and what the admin panel reads
 * (dashboard, side panel, CSV).
 */
export interface AnalyticsService {
  /** One sync run now (`now`: the sync's clock); `busy` when another instance holds the lease. */
  syncOnce(opts?: { now?: number }): Promise<SyncResult>;
  /** The cron task: never throws (a failure is logged and kept in the status). */
  runScheduled(): Promise<void>;
  describeStatus(): Promise<AnalyticsStatusDTO>;
  overview(f: ReportFilters): Promise<AnalyticsOverviewDTO>;
  pins(
    f: ReportFilters,
    sort: TopPinSort,
    dir: 'asc' | 'desc',
    limit: number,
    offset: number
  ): Promise<TopPinsDTO>;
  /** Every pin of the period as CSV, sorted like the table. */
  csv(f: ReportFilters, sort: TopPinSort, dir: 'asc' | 'desc'): Promise<string>;
  /** One entry's totals and its last 90 days, for the side panel. */
  entry(
    contentType: string,
    documentId: string,
    locale: string | undefined,
    now?: number
  ): Promise<EntryAnalyticsDTO>;
  /** The stats attributes on entries, which only the sync writes (see middlewares/). */
  entryStats: {
    /** Whether the content type has stats attributes. */
    has(contentType: string): boolean;
    /** Input data without the stats attributes. */
    strip(contentType: string, data: Record<string, unknown>): Record<string, unknown>;
    /** Empties a document's stats (a clone copies the source's). */
    clear(contentType: string, documentId: string): Promise<void>;
  };
  /** Stops between two calls and waits for the run in hand (Strapi is shutting down). */
  stop(): Promise<void>;
}

/** Pin analytics for one Strapi instance. */
export function createAnalyticsService(strapi: Core.Strapi, deps: AnalyticsDeps): AnalyticsService {
  const store = createStatsStore(strapi);
  const status = createStatusStore(strapi);
  const entries = createEntryStatsWriter(strapi);
  const report = createReport(store, () => strapi.db.connection);
  let stopping = false;
  let running: Promise<SyncResult> | null = null;

  const sync = createSync({
    strapi,
    store,
    status,
    entries,
    client: deps.client,
    accounts: deps.accounts,
    leases: deps.leases,
    owner: deps.owner,
    config: () => deps.config().analytics,
    log: strapi.log,
    stopping: () => stopping,
  });

  const contentTypeName = (uid: string) =>
    (strapi.contentType(uid as never) as { info?: { displayName?: string } } | undefined)?.info
      ?.displayName ?? uid;
  const localized = (uid: string) => isLocalized(strapi, uid);

  /** The accounts, or none when they cannot be read (the dashboard still works without them). */
  async function accountList() {
    try {
      return await deps.accounts();
    } catch {
      return [];
    }
  }

  /**
   * Board names by id, from every account that answers (the dashboard still works without them):
   * the default account's, and those of the connected accounts.
   */
  async function boardNames(): Promise<Map<string, string>> {
    const live = (await accountList()).filter((a) => a.status === 'connected');
    const lists = await Promise.all(
      [null, ...live.map((a) => a.id)].map((id) => deps.boards(id).catch(() => [] as Board[]))
    );
    return new Map(lists.flat().map((b) => [b.id, b.name]));
  }

  async function describeStatus(): Promise<AnalyticsStatusDTO> {
    const s = await status.get();
    return {
      state: s.state,
      message: s.message,
      advice: s.advice,
      detail: s.detail,
      lastRunAt: s.lastRunAt === null ? null : new Date(s.lastRunAt).toISOString(),
      lastRun: s.lastRun,
      multiPin: s.multiPin.state,
      accounts: s.accounts,
      trackedPins: await store.countTracked(),
      rule: deps.config().analytics.rule,
    };
  }

  async function toTopPins(rows: PinRow[]): Promise<TopPinDTO[]> {
    const names = await boardNames();
    const ids = rows.map((r) => r.pinId);
    const records = ids.length
      ? ((await strapi.db
          .query(PIN_RECORD_UID)
          .findMany({ select: ['pinId', 'title'], where: { pinId: { $in: ids } } })) as Array<{
          pinId: string;
          title: string | null;
        }>)
      : [];
    const titles = new Map(records.map((r) => [r.pinId, r.title]));
    return rows.map((r) => ({
      ...r,
      pinUrl: pinUrlOf(r.pinId) as string,
      contentTypeName: contentTypeName(r.contentType),
      title: titles.get(r.pinId) ?? null,
      boardName: names.get(r.boardId) ?? null,
    }));
  }

  const service: AnalyticsService = {
    entryStats: {
      has: (uid) => entries.hasStats(uid),
      strip: (uid, data) => withoutStats(data, entries.attrsOf(uid)),
      clear: (uid, documentId) => entries.clear(uid, documentId),
    },

    /**
     * One sync run now (`now`: the sync's clock); `outcome: 'busy'` when another instance holds the
     * lease.
     */
    async syncOnce(opts: { now?: number } = {}): Promise<SyncResult> {
      if (running) return running;
      running = sync.run(opts).finally(() => (running = null));
      return running;
    },

    /** The cron task: never throws (a failure is logged and kept in the status). */
    async runScheduled(): Promise<void> {
      try {
        await service.syncOnce();
      } catch (e) {
        strapi.log.warn(`[pinterest] analytics sync failed: ${(e as Error).message}`);
      }
    },

    describeStatus,

    async overview(f: ReportFilters): Promise<AnalyticsOverviewDTO> {
      const finalThrough = await report.lastFinalDay();
      const [totals, byAccount, series, facets, names, st, accounts] = await Promise.all([
        report.totals(f),
        report.accountTotals(f),
        report.series(f, finalThrough),
        report.facets(),
        boardNames(),
        describeStatus(),
        accountList(),
      ]);
      const accountById = new Map(accounts.map((a) => [a.id, a]));
      const accountName = (id: number) => {
        const a = accountById.get(id);
        return a?.businessName || (a?.username ? `@${a.username}` : `#${id}`);
      };
      const configured = deps.mappedTypes();
      const uids = [...new Set([...configured, ...facets.contentTypes])].filter((u) =>
        strapi.contentType(u as never)
      );
      const boardIds = [...new Set([...facets.boardIds, ...names.keys()])];
      return {
        period: { from: f.from, to: f.to, finalThrough },
        totals,
        accountTotals: byAccount.map((a) => ({
          accountId: a.accountId,
          username: a.accountId === null ? null : (accountById.get(a.accountId)?.username ?? null),
          displayName: a.accountId === null ? null : accountName(a.accountId),
          totals: a.totals,
        })),
        series,
        filters: {
          accounts: [...new Set([...accounts.map((a) => a.id), ...facets.accountIds])]
            .sort((a, b) => a - b)
            .map((id) => ({
              id,
              username: accountById.get(id)?.username ?? null,
              name: accountName(id),
            })),
          contentTypes: uids
            .map((uid) => ({ uid, name: contentTypeName(uid) }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          boards: boardIds
            .map((id) => ({ id, name: names.get(id) ?? id }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        },
        status: st,
      };
    },

    async pins(
      f: ReportFilters,
      sort: TopPinSort,
      dir: 'asc' | 'desc',
      limit: number,
      offset: number
    ): Promise<TopPinsDTO> {
      const { rows, total } = await report.pins(f, sort, dir, limit, offset);
      return { pins: await toTopPins(rows), total };
    },

    /** Every pin of the period as CSV, sorted like the table. */
    async csv(f: ReportFilters, sort: TopPinSort, dir: 'asc' | 'desc'): Promise<string> {
      const { rows } = await report.pins(f, sort, dir, 100_000, 0);
      const [pins, accounts] = await Promise.all([toTopPins(rows), accountList()]);
      const usernames = new Map(accounts.map((a) => [a.id, a.username]));
      return toCsv(
        [
          'pin_id',
          'pin_url',
          'content_type',
          'document_id',
          'locale',
          'account_id',
          'account',
          'title',
          'board_id',
          'board',
          'impressions',
          'saves',
          'pin_clicks',
          'outbound_clicks',
          'save_rate',
          'video_views',
          'from',
          'to',
        ],
        pins.map((p) => [
          p.pinId,
          p.pinUrl,
          p.contentType,
          p.documentId,
          p.locale,
          p.accountId,
          p.accountId === null ? null : (usernames.get(p.accountId) ?? null),
          p.title,
          p.boardId,
          p.boardName,
          p.impressions,
          p.saves,
          p.pinClicks,
          p.outboundClicks,
          p.saveRate,
          p.videoViews,
          f.from,
          f.to,
        ])
      );
    },

    /** One entry's totals and its last 90 days, for the side panel. */
    async entry(
      contentType: string,
      documentId: string,
      locale: string | undefined,
      now = Date.now()
    ): Promise<EntryAnalyticsDTO> {
      const loc = localized(contentType) ? (locale ?? null) : NO_LOCALE;
      const rows = await store.entryPins(contentType, documentId, loc === NO_LOCALE ? null : loc);
      // the 90 days up to the entry's last final day (later days are not known yet)
      const lastFinal = rows
        .map((r) => r.lastDay)
        .filter((d): d is string => Boolean(d))
        .sort()
        .pop();
      const to = lastFinal ?? ymd(now);
      const from = addDays(to, -(PANEL_DAYS - 1));
      const series = fillSeries(
        await store.entrySeries(contentType, documentId, loc === NO_LOCALE ? null : loc, from),
        from,
        to
      );
      const stats = rows.length
        ? toStats(
            rows.reduce((t, r) => addTotals(t, r.totals), emptyTotals()),
            {
              pins: rows.length,
              from:
                rows
                  .map((r) => r.firstDay)
                  .filter((d): d is string => Boolean(d))
                  .sort()[0] ?? null,
              through:
                rows
                  .map((r) => r.lastDay)
                  .filter((d): d is string => Boolean(d))
                  .sort()
                  .pop() ?? null,
              lastSyncedAt: rows.reduce<number | null>(
                (m, r) =>
                  r.lastSyncedAt !== null && (m === null || r.lastSyncedAt > m)
                    ? r.lastSyncedAt
                    : m,
                null
              ),
            }
          )
        : null;
      return {
        mapped: deps.isMapped(contentType),
        stats,
        series,
        status: await describeStatus(),
      };
    },

    /** Stops between two calls and waits for the run in hand (Strapi is shutting down). */
    async stop(): Promise<void> {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
  return service;
}
