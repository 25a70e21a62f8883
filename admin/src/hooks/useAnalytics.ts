import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  AnalyticsOverviewDTO,
  EntryAnalyticsDTO,
  TopPinSort,
  TopPinsDTO,
} from '../../../common/analytics';
import { filterQuery } from '../utils/period';

export interface DashboardFilters {
  from: string;
  to: string;
  contentType: string;
  boardId: string;
}

export interface PinsQuery {
  sort: TopPinSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const messageOf = (e: unknown) =>
  (e as { response?: { data?: { error?: { message?: string } } }; message?: string })?.response
    ?.data?.error?.message ??
  (e as Error)?.message ??
  'error';

/** The dashboard's data for a period and filters: totals and series, and a page of sorted pins. */
export function useAnalyticsDashboard(filters: DashboardFilters, pinsQuery: PinsQuery) {
  const { get, post } = useFetchClient();
  const [overview, setOverview] = useState<AnalyticsOverviewDTO | null>(null);
  const [pins, setPins] = useState<TopPinsDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const base = filterQuery({ ...filters });

  useEffect(() => {
    let live = true;
    setLoading(true);
    get<AnalyticsOverviewDTO>(`/pinterest/analytics/overview?${base}`)
      .then(({ data }) => live && (setOverview(data), setError(null)))
      .catch((e) => live && setError(messageOf(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [get, base, reloads]);

  useEffect(() => {
    let live = true;
    get<TopPinsDTO>(`/pinterest/analytics/pins?${filterQuery({ ...filters, ...pinsQuery })}`)
      .then(({ data }) => live && setPins(data))
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, base, pinsQuery.sort, pinsQuery.dir, pinsQuery.page, pinsQuery.pageSize, reloads]);

  /** The period's pins as CSV text, sorted like the table. */
  const exportCsv = useCallback(async () => {
    const { data } = await get<string>(
      `/pinterest/analytics/export?${filterQuery({ ...filters, sort: pinsQuery.sort, dir: pinsQuery.dir })}`,
      { responseType: 'text' } as never
    );
    return data;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, base, pinsQuery.sort, pinsQuery.dir]);

  const syncNow = useCallback(async () => {
    await post('/pinterest/analytics/sync', {});
    setReloads((n) => n + 1);
  }, [post]);

  return { overview, pins, error, loading, exportCsv, syncNow };
}

/** One entry's stats and its last 90 days (the side panel). */
export function useEntryAnalytics(
  model: string,
  documentId: string | undefined,
  locale: string | undefined,
  enabled: boolean,
  version?: string
) {
  const { get } = useFetchClient();
  const [data, setData] = useState<EntryAnalyticsDTO | null>(null);
  useEffect(() => {
    if (!enabled || !documentId) return;
    let live = true;
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    get<EntryAnalyticsDTO>(`/pinterest/analytics/entries/${model}/${documentId}${query}`).then(
      ({ data: body }) => live && setData(body),
      () => live && setData(null)
    );
    return () => {
      live = false;
    };
  }, [get, model, documentId, locale, enabled, version]);
  return data;
}
