import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PIN_ANALYTICS_UID, PIN_DAILY_STAT_UID, PIN_RECORD_UID } from '../content-types';
import type { DayReading } from './daily';
import { addDays, dayStartMs, ymd } from './days';
import type { SyncCandidate } from './plan';
import type { Totals } from './totals';

/** Pin record statuses whose pin exists on Pinterest. */
const LIVE_PIN_STATUSES = ['pinned', 'out_of_sync'];
/** Rows per insert statement (SQLite allows 32,766 bound values; a daily row has 16). */
const ROWS_PER_INSERT = 400;
/** Ids per `IN (…)` list. */
const IDS_PER_QUERY = 500;
/** How many recent days make a pin "active" for the sync's priority. */
const RECENT_DAYS = 7;

export interface TrackedPin extends SyncCandidate {
  /** The account the pin was made with (null: before several accounts, unmigrated). */
  accountId: number | null;
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
}

export interface EntryKey {
  contentType: string;
  documentId: string;
  locale: string;
}

export interface EntryTotals extends EntryKey {
  totals: Totals;
  pins: number;
  from: string | null;
  through: string | null;
  lastSyncedAt: number | null;
}

export interface PinResult {
  pin: TrackedPin;
  reading: DayReading;
}

export const entryKeyOf = (e: EntryKey) => `${e.contentType}|${e.documentId}|${e.locale}`;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** A number read back from SQL (drivers may give strings or null). */
/** Rows of a raw SQL read (column names vary with the database's naming): parsed as records. */
export const sqlRows = (rows: unknown): Array<Record<string, unknown>> =>
  z.array(z.record(z.string(), z.unknown())).parse(rows);

/** The pin records the sync tracks (a partial read). */
const trackedRecordsSchema = z.array(
  z.object({
    pinId: z.string(),
    status: z.string(),
    contentType: z.string(),
    entryDocumentId: z.string(),
    entryLocale: z.string(),
    accountId: z
      .union([z.number(), z.string()])
      .nullish()
      .transform((v) => (v === null || v === undefined ? null : Number(v))),
    boardId: z.string(),
    mediaSource: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    pinnedAt: z
      .union([z.string(), z.date()])
      .nullish()
      .transform((v) => v ?? null),
  })
);

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';

export const toNum = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const toNullableNum = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

export type Knex = Core.Strapi['db']['connection'];

/**
 * The analytics tables: daily rows (one per pin × READY day, kept forever) and one sync row per pin
 * (where its sync stands, and its totals over the stored days). Bulk writes go through knex in
 * batches (insert … on conflict merge), inside the caller's transaction when there is one.
 */
export function createStatsStore(strapi: Core.Strapi) {
  const table = (uid: string) => {
    const meta = strapi.db.metadata.get(uid);
    const col = (attr: string) => {
      const attribute = meta.attributes[attr];
      const named = attribute && 'columnName' in attribute ? attribute.columnName : undefined;
      return named ?? attr.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    };
    return { name: meta.tableName, col };
  };
  const daily = () => table(PIN_DAILY_STAT_UID);
  const pins = () => table(PIN_ANALYTICS_UID);
  /** knex outside a transaction (the caller passes its transaction's knex when it has one). */
  const db = (): Knex => strapi.db.connection;

  let statements = 0;
  const counted = <T>(q: T): T => {
    statements += 1;
    return q;
  };

  /** Reads one sync row into a candidate. */
  const toTracked = (r: Record<string, unknown>, p: ReturnType<typeof pins>): TrackedPin => ({
    pinId: String(r[p.col('pinId')]),
    video: Boolean(r[p.col('video')]),
    createdDay: String(r[p.col('createdDay')]),
    nextFrom: (r[p.col('nextFrom')] as string | null) ?? null,
    lastSyncedAt: toNullableNum(r[p.col('lastSyncedAt')]),
    recentImpressions: toNum(r[p.col('recentImpressions')]),
    recentSaves: toNum(r[p.col('recentSaves')]),
    contentType: String(r[p.col('contentType')]),
    documentId: String(r[p.col('entryDocumentId')]),
    locale: String(r[p.col('entryLocale')]),
    accountId: toNullableNum(r[p.col('accountId')]),
    boardId: String(r[p.col('boardId')]),
  });

  return {
    /** Write statements issued since the store was made (the benchmark reports them). */
    get statements() {
      return statements;
    },

    /**
     * Starts tracking the pins the plugin made that are live on Pinterest and were created in the
     * window; marks the ones whose record says they were deleted. Returns how many were added.
     */
    async trackPins(windowStartDay: string, now: number, trx: Knex = db()): Promise<number> {
      const records = trackedRecordsSchema.parse(
        await strapi.db.query(PIN_RECORD_UID).findMany({
          select: [
            'pinId',
            'status',
            'contentType',
            'entryDocumentId',
            'entryLocale',
            'accountId',
            'boardId',
            'mediaSource',
            'pinnedAt',
          ],
          where: { pinId: { $notNull: true } },
        })
      );
      const p = pins();
      const tracked = new Map<string, string>();
      for (const row of sqlRows(await trx(p.name).select(p.col('pinId'), p.col('syncState')))) {
        tracked.set(text(row[p.col('pinId')]), text(row[p.col('syncState')]));
      }
      const since = dayStartMs(windowStartDay);
      const fresh = records.filter(
        (r) =>
          LIVE_PIN_STATUSES.includes(r.status) &&
          !tracked.has(r.pinId) &&
          r.pinnedAt &&
          new Date(r.pinnedAt).getTime() >= since
      );
      const stamp = new Date(now);
      for (const batch of chunks(fresh, ROWS_PER_INSERT)) {
        await counted(
          trx(p.name)
            .insert(
              batch.map((r) => ({
                [p.col('pinId')]: r.pinId,
                [p.col('contentType')]: r.contentType,
                [p.col('entryDocumentId')]: r.entryDocumentId,
                [p.col('entryLocale')]: r.entryLocale,
                [p.col('accountId')]: r.accountId,
                [p.col('boardId')]: r.boardId,
                [p.col('video')]: r.mediaSource === 'video_id',
                [p.col('createdDay')]: ymd(new Date(r.pinnedAt as string | Date)),
                [p.col('syncState')]: 'active',
                [p.col('impressions')]: 0,
                [p.col('saves')]: 0,
                [p.col('pinClicks')]: 0,
                [p.col('outboundClicks')]: 0,
                [p.col('recentImpressions')]: 0,
                [p.col('recentSaves')]: 0,
                created_at: stamp,
                updated_at: stamp,
                published_at: stamp,
              }))
            )
            .onConflict([p.col('pinId')])
            .ignore()
        );
      }
      const gone = records
        .filter((r) => r.status === 'deleted' && tracked.get(r.pinId) === 'active')
        .map((r) => r.pinId);
      for (const ids of chunks(gone, IDS_PER_QUERY)) {
        await counted(
          trx(p.name)
            .whereIn(p.col('pinId'), ids)
            .update({ [p.col('syncState')]: 'gone', updated_at: stamp })
        );
      }
      return fresh.length;
    },

    /** Every pin still synced (not gone, not refused). */
    async activePins(trx: Knex = db()): Promise<TrackedPin[]> {
      const p = pins();
      const rows = sqlRows(await trx(p.name).where(p.col('syncState'), 'active'));
      return rows.map((r) => toTracked(r, p));
    },

    async countTracked(trx: Knex = db()): Promise<number> {
      const p = pins();
      const [row] = sqlRows(await trx(p.name).count({ n: '*' }));
      return toNum(row?.n);
    },

    /**
     * Stores a call's results: the READY days (upserted: a day fetched twice is written once), then
     * each pin's totals over all its stored days, its next day to fetch and its sync time. Returns
     * the
     * entries whose totals changed.
     */
    async saveResults(
      results: PinResult[],
      today: string,
      now: number,
      trx: Knex = db()
    ): Promise<{ days: number; entries: EntryKey[] }> {
      if (!results.length) return { days: 0, entries: [] };
      const d = daily();
      const p = pins();
      const stamp = new Date(now);
      const rows = results.flatMap(({ pin, reading }) =>
        reading.ready.map((day) => ({
          [d.col('pinId')]: pin.pinId,
          [d.col('day')]: day.date,
          [d.col('contentType')]: pin.contentType,
          [d.col('entryDocumentId')]: pin.documentId,
          [d.col('entryLocale')]: pin.locale,
          [d.col('accountId')]: pin.accountId,
          [d.col('boardId')]: pin.boardId,
          [d.col('impressions')]: day.impressions,
          [d.col('saves')]: day.saves,
          [d.col('pinClicks')]: day.pinClicks,
          [d.col('outboundClicks')]: day.outboundClicks,
          [d.col('videoViews')]: day.videoViews,
          [d.col('videoStarts')]: day.videoStarts,
          [d.col('videoAvgWatchTime')]: day.videoAvgWatchTime,
          created_at: stamp,
          updated_at: stamp,
          published_at: stamp,
        }))
      );
      const metricCols = [
        'impressions',
        'saves',
        'pinClicks',
        'outboundClicks',
        'videoViews',
        'videoStarts',
        'videoAvgWatchTime',
      ].map(d.col);
      for (const batch of chunks(rows, ROWS_PER_INSERT)) {
        await counted(
          trx(d.name)
            .insert(batch)
            .onConflict([d.col('pinId'), d.col('day')])
            .merge([...metricCols, 'updated_at'])
        );
      }

      // each pin's totals over everything stored (one aggregate query per 500 pins)
      const recentFrom = addDays(today, -RECENT_DAYS);
      const sums = new Map<string, Record<string, unknown>>();
      for (const ids of chunks(
        results.map((r) => r.pin.pinId),
        IDS_PER_QUERY
      )) {
        const agg = sqlRows(
          await trx(d.name)
            .select(d.col('pinId'))
            .select(
              trx.raw('SUM(??) as impressions', [d.col('impressions')]),
              trx.raw('SUM(??) as saves', [d.col('saves')]),
              trx.raw('SUM(??) as pin_clicks', [d.col('pinClicks')]),
              trx.raw('SUM(??) as outbound_clicks', [d.col('outboundClicks')]),
              trx.raw('SUM(??) as video_views', [d.col('videoViews')]),
              trx.raw('SUM(??) as video_starts', [d.col('videoStarts')]),
              trx.raw('SUM(?? * ??) as video_watch_time', [
                d.col('videoAvgWatchTime'),
                d.col('videoStarts'),
              ]),
              trx.raw('MIN(??) as first_day', [d.col('day')]),
              trx.raw('MAX(??) as last_day', [d.col('day')]),
              trx.raw('SUM(CASE WHEN ?? >= ? THEN ?? ELSE 0 END) as recent_impressions', [
                d.col('day'),
                recentFrom,
                d.col('impressions'),
              ]),
              trx.raw('SUM(CASE WHEN ?? >= ? THEN ?? ELSE 0 END) as recent_saves', [
                d.col('day'),
                recentFrom,
                d.col('saves'),
              ])
            )
            .whereIn(d.col('pinId'), ids)
            .groupBy(d.col('pinId'))
        );
        for (const row of agg) sums.set(String(row[d.col('pinId')]), row);
      }

      const pinRows = results.map(({ pin, reading }) => {
        const s = sums.get(pin.pinId) ?? {};
        return {
          [p.col('pinId')]: pin.pinId,
          [p.col('contentType')]: pin.contentType,
          [p.col('entryDocumentId')]: pin.documentId,
          [p.col('entryLocale')]: pin.locale,
          [p.col('accountId')]: pin.accountId,
          [p.col('boardId')]: pin.boardId,
          [p.col('video')]: pin.video,
          [p.col('createdDay')]: pin.createdDay,
          [p.col('nextFrom')]: reading.nextFrom,
          [p.col('lastSyncedAt')]: now,
          [p.col('syncState')]: 'active',
          [p.col('lastError')]: null,
          [p.col('firstDay')]: (s.first_day as string | undefined) ?? null,
          [p.col('lastDay')]: (s.last_day as string | undefined) ?? null,
          [p.col('impressions')]: toNum(s.impressions),
          [p.col('saves')]: toNum(s.saves),
          [p.col('pinClicks')]: toNum(s.pin_clicks),
          [p.col('outboundClicks')]: toNum(s.outbound_clicks),
          [p.col('videoViews')]: pin.video ? toNum(s.video_views) : null,
          [p.col('videoStarts')]: pin.video ? toNum(s.video_starts) : null,
          [p.col('videoWatchTime')]: pin.video ? toNum(s.video_watch_time) : null,
          [p.col('recentImpressions')]: toNum(s.recent_impressions),
          [p.col('recentSaves')]: toNum(s.recent_saves),
          created_at: stamp,
          updated_at: stamp,
          published_at: stamp,
        };
      });
      const merged = Object.keys(pinRows[0]).filter(
        (k) => k !== 'created_at' && k !== 'published_at' && k !== p.col('pinId')
      );
      for (const batch of chunks(pinRows, ROWS_PER_INSERT / 2)) {
        await counted(
          trx(p.name)
            .insert(batch)
            .onConflict([p.col('pinId')])
            .merge(merged)
        );
      }

      const seen = new Map<string, EntryKey>();
      for (const { pin } of results) {
        const key = {
          contentType: pin.contentType,
          documentId: pin.documentId,
          locale: pin.locale,
        };
        seen.set(entryKeyOf(key), key);
      }
      return { days: rows.length, entries: [...seen.values()] };
    },

    /**
     * Records that a pin could not be synced this time (kept active), or is gone or refused for
     * good.
     */
    async markPins(
      pinIds: string[],
      change: {
        syncState?: 'active' | 'gone' | 'forbidden';
        lastError: unknown;
        lastSyncedAt?: number;
      },
      now: number,
      trx: Knex = db()
    ) {
      const p = pins();
      for (const ids of chunks(pinIds, IDS_PER_QUERY)) {
        await counted(
          trx(p.name)
            .whereIn(p.col('pinId'), ids)
            .update({
              ...(change.syncState && { [p.col('syncState')]: change.syncState }),
              ...(change.lastSyncedAt !== undefined && {
                [p.col('lastSyncedAt')]: change.lastSyncedAt,
              }),
              [p.col('lastError')]:
                change.lastError === null ? null : JSON.stringify(change.lastError),
              updated_at: new Date(now),
            })
        );
      }
    },

    /** Totals per entry (content type × document × locale), summed over its pins' stored days. */
    async entryTotals(entries: EntryKey[], trx: Knex = db()): Promise<EntryTotals[]> {
      if (!entries.length) return [];
      const p = pins();
      const wanted = new Set(entries.map(entryKeyOf));
      const out: EntryTotals[] = [];
      const documentIds = [...new Set(entries.map((e) => e.documentId))];
      for (const ids of chunks(documentIds, IDS_PER_QUERY)) {
        const rows = sqlRows(
          await trx(p.name)
            .select(p.col('contentType'), p.col('entryDocumentId'), p.col('entryLocale'))
            .select(
              trx.raw('COUNT(*) as pins'),
              trx.raw('SUM(??) as impressions', [p.col('impressions')]),
              trx.raw('SUM(??) as saves', [p.col('saves')]),
              trx.raw('SUM(??) as pin_clicks', [p.col('pinClicks')]),
              trx.raw('SUM(??) as outbound_clicks', [p.col('outboundClicks')]),
              trx.raw('SUM(??) as video_views', [p.col('videoViews')]),
              trx.raw('SUM(??) as video_starts', [p.col('videoStarts')]),
              trx.raw('SUM(??) as video_watch_time', [p.col('videoWatchTime')]),
              trx.raw('MIN(??) as first_day', [p.col('firstDay')]),
              trx.raw('MAX(??) as last_day', [p.col('lastDay')]),
              trx.raw('MAX(??) as last_synced_at', [p.col('lastSyncedAt')])
            )
            .whereIn(p.col('entryDocumentId'), ids)
            .groupBy(p.col('contentType'), p.col('entryDocumentId'), p.col('entryLocale'))
        );
        for (const r of rows) {
          const key = {
            contentType: String(r[p.col('contentType')]),
            documentId: String(r[p.col('entryDocumentId')]),
            locale: String(r[p.col('entryLocale')]),
          };
          if (!wanted.has(entryKeyOf(key))) continue;
          out.push({
            ...key,
            pins: toNum(r.pins),
            totals: {
              impressions: toNum(r.impressions),
              saves: toNum(r.saves),
              pinClicks: toNum(r.pin_clicks),
              outboundClicks: toNum(r.outbound_clicks),
              videoViews: toNullableNum(r.video_views),
              videoStarts: toNullableNum(r.video_starts),
              videoWatchTime: toNullableNum(r.video_watch_time),
            },
            from: (r.first_day as string | null) ?? null,
            through: (r.last_day as string | null) ?? null,
            lastSyncedAt: toNullableNum(r.last_synced_at),
          });
        }
      }
      return out;
    },

    /** One entry's sync rows (every locale, or one). */
    async entryPins(
      contentType: string,
      documentId: string,
      locale: string | null,
      trx: Knex = db()
    ): Promise<
      Array<TrackedPin & { totals: Totals; firstDay: string | null; lastDay: string | null }>
    > {
      const p = pins();
      const q = trx(p.name).where({
        [p.col('contentType')]: contentType,
        [p.col('entryDocumentId')]: documentId,
      });
      if (locale) q.andWhere(p.col('entryLocale'), locale);
      const rows = sqlRows(await q);
      return rows.map((r) => ({
        ...toTracked(r, p),
        firstDay: (r[p.col('firstDay')] as string | null) ?? null,
        lastDay: (r[p.col('lastDay')] as string | null) ?? null,
        totals: {
          impressions: toNum(r[p.col('impressions')]),
          saves: toNum(r[p.col('saves')]),
          pinClicks: toNum(r[p.col('pinClicks')]),
          outboundClicks: toNum(r[p.col('outboundClicks')]),
          videoViews: toNullableNum(r[p.col('videoViews')]),
          videoStarts: toNullableNum(r[p.col('videoStarts')]),
          videoWatchTime: toNullableNum(r[p.col('videoWatchTime')]),
        },
      }));
    },

    /** Daily sums of one entry's pins from `from` on (the side panel's chart). */
    async entrySeries(
      contentType: string,
      documentId: string,
      locale: string | null,
      from: string,
      trx: Knex = db()
    ) {
      const d = daily();
      const q = trx(d.name)
        .select(d.col('day'))
        .select(
          trx.raw('SUM(??) as impressions', [d.col('impressions')]),
          trx.raw('SUM(??) as saves', [d.col('saves')]),
          trx.raw('SUM(??) as pin_clicks', [d.col('pinClicks')]),
          trx.raw('SUM(??) as outbound_clicks', [d.col('outboundClicks')]),
          trx.raw('SUM(??) as video_views', [d.col('videoViews')])
        )
        .where({ [d.col('contentType')]: contentType, [d.col('entryDocumentId')]: documentId })
        .andWhere(d.col('day'), '>=', from);
      if (locale) q.andWhere(d.col('entryLocale'), locale);
      const rows = sqlRows(await q.groupBy(d.col('day')).orderBy(d.col('day')));
      return rows.map((r) => ({
        date: String(r[d.col('day')]),
        impressions: toNum(r.impressions),
        saves: toNum(r.saves),
        pinClicks: toNum(r.pin_clicks),
        outboundClicks: toNum(r.outbound_clicks),
        videoViews: toNullableNum(r.video_views),
      }));
    },

    daily,
    pins,
  };
}

export type StatsStore = ReturnType<typeof createStatsStore>;
