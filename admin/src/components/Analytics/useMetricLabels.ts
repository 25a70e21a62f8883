import { useMemo } from 'react';
import type { EntryMetric } from '../../../../common/analytics';
import { useT } from '../../utils/useT';

/** A figure the dashboard, the side panel and the stats field show: an entry metric, or pins. */
export type MetricKey = EntryMetric | 'pins';

/** The one place the metrics are named, in the admin's language. */
export function useMetricLabels(): Record<MetricKey, string> {
  const t = useT();
  return useMemo(
    () => ({
      impressions: t('analytics.impressions', 'Impressions'),
      saves: t('analytics.saves', 'Saves'),
      pinClicks: t('analytics.pinClicks', 'Pin clicks'),
      outboundClicks: t('analytics.outboundClicks', 'Outbound clicks'),
      saveRate: t('analytics.saveRate', 'Save rate'),
      videoViews: t('analytics.videoViews', 'Video views'),
      pins: t('analytics.pins', 'Pins'),
    }),
    [t]
  );
}
