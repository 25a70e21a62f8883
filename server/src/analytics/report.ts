/**
 * What the dashboard shows, read from the stored daily rows (never from Pinterest): totals of a
 * period,
 * a daily series, and the period's pins sorted by a metric. Plus the CSV export of those pins.
 */
import type { Core } from '@strapi/strapi';
import type { DailyPoint, PeriodTotals, TopPinSort } from '../../../common/analytics';
import { eachDay } from './days';
import { sqlRows, toNullableNum, toNum, type StatsStore } from './stats-store';
import { saveRate } from './totals';

export interface ReportFilters {
  from: string;
  to: string;
  contentType?: string;
  boardId?: string;
  /** Several accounts: only the pins made with this account. */
  accountId?: number;
}

export interface PinRow {
  pinId: string;
  contentType: string;
  documentId: string;
  locale: string;
  accountId: number | null;
  boardId: string;
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  saveRate: number;
  videoViews: number | null;
}

/** Fills the days with nothing stored with zeros, so a chart's time axis has no holes (pure). */
export function fillSeries(rows: DailyPoint[], from: string, to: string): DailyPoint[] {
  const byDay = new Map(rows.map((r) => [r.date, r]));
  const video = rows.some((r) => r.videoViews !== null);
  return eachDay(from, to).map(
    (date) =>
      byDay.get(date) ?? {
        date,
        impressions: 0,
        saves: 0,
        pinClicks: 0,
        outboundClicks: 0,
        videoViews: video ? 0 : null,
      }
  );
}

const isText = (v: unknown): v is string => typeof v === 'string';

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? '';
};

const csvCell = (v: unknown) => {
  const s = cellText(v);
  // quote what needs it; neutralise spreadsheet formulas
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a header row (pure). */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function createReport(store: StatsStore, knex: () => Core.Strapi['db']['connection']) {
  const filtered = (f: ReportFilters) => {
    const d = store.daily();
    const q = knex()(d.name).where(d.col('day'), '>=', f.from).andWhere(d.col('day'), '<=', f.to);
    if (f.contentType) q.andWhere(d.col('contentType'), f.contentType);
    if (f.boardId) q.andWhere(d.col('boardId'), f.boardId);
    if (f.accountId !== undefined) q.andWhere(d.col('accountId'), f.accountId);
    return q;
  };
  const sums = (d: ReturnType<StatsStore['daily']>) => {
    const k = knex();
    return [
      k.raw('SUM(??) as impressions', [d.col('impressions')]),
      k.raw('SUM(??) as saves', [d.col('saves')]),
      k.raw('SUM(??) as pin_clicks', [d.col('pinClicks')]),
      k.raw('SUM(??) as outbound_clicks', [d.col('outboundClicks')]),
      k.raw('SUM(??) as video_views', [d.col('videoViews')]),
    ];
  };
  /**
   * The SQL expression a sort orders by (aggregates, not aliases: PostgreSQL refuses aliases inside
   * expressions).
   */
  const sortExpression = (sort: TopPinSort): [string, string[]] => {
    const d = store.daily();
    if (sort === 'saveRate')
      return [
        '(CASE WHEN SUM(??) > 0 THEN SUM(??) * 1.0 / SUM(??) ELSE 0 END)',
        [d.col('impressions'), d.col('saves'), d.col('impressions')],
      ];
    return ['SUM(??)', [d.col(sort)]];
  };

  const pinsQuery = (f: ReportFilters) => {
    const d = store.daily();
    const k = knex();
    return filtered(f)
      .select(
        d.col('pinId'),
        d.col('contentType'),
        d.col('entryDocumentId'),
        d.col('entryLocale'),
        d.col('accountId'),
        d.col('boardId')
      )
      .select(
        ...sums(d),
        k.raw('CASE WHEN SUM(??) > 0 THEN SUM(??) * 1.0 / SUM(??) ELSE 0 END as save_rate', [
          d.col('impressions'),
          d.col('saves'),
          d.col('impressions'),
        ])
      )
      .groupBy(
        d.col('pinId'),
        d.col('contentType'),
        d.col('entryDocumentId'),
        d.col('entryLocale'),
        d.col('accountId'),
        d.col('boardId')
      );
  };
  const toPinRow = (r: Record<string, unknown>): PinRow => {
    const d = store.daily();
    return {
      pinId: String(r[d.col('pinId')]),
      contentType: String(r[d.col('contentType')]),
      documentId: String(r[d.col('entryDocumentId')]),
      locale: String(r[d.col('entryLocale')]),
      accountId: toNullableNum(r[d.col('accountId')]),
      boardId: String(r[d.col('boardId')]),
      impressions: toNum(r.impressions),
      saves: toNum(r.saves),
      pinClicks: toNum(r.pin_clicks),
      outboundClicks: toNum(r.outbound_clicks),
      saveRate: saveRate(toNum(r.saves), toNum(r.impressions)),
      videoViews: toNullableNum(r.video_views),
    };
  };

  return {
    async totals(f: ReportFilters): Promise<PeriodTotals> {
      const d = store.daily();
      const [r] = sqlRows(
        await filtered(f)
          .select(...sums(d))
          .select(knex().raw('COUNT(DISTINCT ??) as pins', [d.col('pinId')]))
      );
      return {
        impressions: toNum(r?.impressions),
        saves: toNum(r?.saves),
        pinClicks: toNum(r?.pin_clicks),
        outboundClicks: toNum(r?.outbound_clicks),
        saveRate: saveRate(toNum(r?.saves), toNum(r?.impressions)),
        videoViews: toNullableNum(r?.video_views),
        pins: toNum(r?.pins),
      };
    },

    /** The period's totals per account (the other filters applied), largest first. */
    async accountTotals(
      f: ReportFilters
    ): Promise<Array<{ accountId: number | null; totals: PeriodTotals }>> {
      const d = store.daily();
      const rows = sqlRows(
        await filtered(f)
          .select(d.col('accountId'))
          .select(...sums(d))
          .select(knex().raw('COUNT(DISTINCT ??) as pins', [d.col('pinId')]))
          .groupBy(d.col('accountId'))
      );
      return rows
        .map((r) => ({
          accountId: toNullableNum(r[d.col('accountId')]),
          totals: {
            impressions: toNum(r.impressions),
            saves: toNum(r.saves),
            pinClicks: toNum(r.pin_clicks),
            outboundClicks: toNum(r.outbound_clicks),
            saveRate: saveRate(toNum(r.saves), toNum(r.impressions)),
            videoViews: toNullableNum(r.video_views),
            pins: toNum(r.pins),
          },
        }))
        .sort(
          (a, b) =>
            b.totals.impressions - a.totals.impressions || (a.accountId ?? 0) - (b.accountId ?? 0)
        );
    },

    /** The last day any pin has final figures for (null before the first sync). */
    async lastFinalDay(): Promise<string | null> {
      const d = store.daily();
      const [r] = sqlRows(await knex()(d.name).max({ last: d.col('day') }));
      return typeof r?.last === 'string' ? r.last : null;
    },

    /**
     * One point per day from `f.from` to `f.to`, or to `through` when that comes first (later days
     * are not final).
     */
    async series(f: ReportFilters, through: string | null = f.to): Promise<DailyPoint[]> {
      const end = through && through < f.to ? through : f.to;
      if (end < f.from) return [];
      const d = store.daily();
      const rows = sqlRows(
        await filtered(f)
          .select(d.col('day'))
          .select(...sums(d))
          .groupBy(d.col('day'))
          .orderBy(d.col('day'))
      );
      return fillSeries(
        rows.map((r) => ({
          date: String(r[d.col('day')]),
          impressions: toNum(r.impressions),
          saves: toNum(r.saves),
          pinClicks: toNum(r.pin_clicks),
          outboundClicks: toNum(r.outbound_clicks),
          videoViews: toNullableNum(r.video_views),
        })),
        f.from,
        end
      );
    },

    /** The period's pins sorted by a metric (ties by pin id), one page, and how many there are. */
    async pins(
      f: ReportFilters,
      sort: TopPinSort,
      dir: 'asc' | 'desc',
      limit: number,
      offset: number
    ): Promise<{ rows: PinRow[]; total: number }> {
      const d = store.daily();
      const [{ n }] = sqlRows(await filtered(f).countDistinct({ n: d.col('pinId') }));
      const [expr, bindings] = sortExpression(sort);
      // NULLs (image pins when sorting by video views) last either way; ties by pin id
      const rows = sqlRows(
        await pinsQuery(f)
          .orderByRaw(
            `CASE WHEN ${expr} IS NULL THEN 1 ELSE 0 END, ${expr} ${dir === 'asc' ? 'ASC' : 'DESC'}, ?? ASC`,
            [...bindings, ...bindings, d.col('pinId')]
          )
          .limit(limit)
          .offset(offset)
      );
      return { rows: rows.map(toPinRow), total: toNum(n) };
    },

    /** The filters the data offers: content types, boards and accounts that have stored days. */
    async facets(): Promise<{ contentTypes: string[]; boardIds: string[]; accountIds: number[] }> {
      const d = store.daily();
      const k = knex();
      const cts = sqlRows(await k(d.name).distinct(d.col('contentType')));
      const boards = sqlRows(await k(d.name).distinct(d.col('boardId')));
      const accounts = sqlRows(await k(d.name).distinct(d.col('accountId')));
      return {
        accountIds: accounts
          .map((r) => toNullableNum(r[d.col('accountId')]))
          .filter((v): v is number => v !== null)
          .sort((a, b) => a - b),
        contentTypes: cts
          .map((r) => r[d.col('contentType')])
          .filter(isText)
          .sort(),
        boardIds: boards
          .map((r) => r[d.col('boardId')])
          .filter(isText)
          .sort(),
      };
    },
  };
}

export type Report = ReturnType<typeof createReport>;
