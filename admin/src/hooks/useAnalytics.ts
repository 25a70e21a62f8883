import { useCallback, useState } from 'react';
import {
  useApiErrorText,
  useApiQuery,
  usePinterestApi,
  type AnalyticsFilters,
  type TopPinsQuery,
} from '../api';

export type DashboardFilters = AnalyticsFilters;
export type PinsQuery = TopPinsQuery;

/** The dashboard's data for a period and filters: totals and series, and a page of sorted pins. */
export function useAnalyticsDashboard(filters: DashboardFilters, pinsQuery: PinsQuery) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [reloads, setReloads] = useState(0);
  const { from, to, contentType, boardId, accountId = '' } = filters;
  const { sort, dir, page, pageSize } = pinsQuery;

  const loadOverview = useCallback(
    () => api.analyticsOverview({ from, to, contentType, boardId, accountId }),
    [api, from, to, contentType, boardId, accountId]
  );
  const loadPins = useCallback(
    () => api.topPins({ from, to, contentType, boardId, accountId }, { sort, dir, page, pageSize }),
    [api, from, to, contentType, boardId, accountId, sort, dir, page, pageSize]
  );
  // `reloads`: after a sync, both are asked again
  const overview = useApiQuery(loadOverview, reloads);
  const pins = useApiQuery(loadPins, reloads);
  const failure = overview.error ?? pins.error;

  /** The period's pins as CSV text, sorted like the table. */
  const exportCsv = useCallback(
    () => api.exportCsv({ from, to, contentType, boardId, accountId }, sort, dir),
    [api, from, to, contentType, boardId, accountId, sort, dir]
  );

  const syncNow = useCallback(async () => {
    await api.syncAnalytics();
    setReloads((n) => n + 1);
  }, [api]);

  return {
    overview: overview.data,
    pins: pins.data,
    error: failure ? errorText(failure) : null,
    loading: overview.loading,
    exportCsv,
    syncNow,
  };
}

/** One entry's stats and its last 90 days (the side panel), and why they could not be loaded. */
export function useEntryAnalytics(
  model: string,
  documentId: string | undefined,
  locale: string | undefined,
  enabled: boolean,
  version?: string
) {
  const api = usePinterestApi();
  const load = useCallback(
    () => api.entryAnalytics(model, documentId ?? '', locale),
    [api, model, documentId, locale]
  );
  // `version`: the entry was saved or published
  return useApiQuery(enabled && documentId ? load : null, version);
}
