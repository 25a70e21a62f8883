import { lazy, Suspense } from 'react';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import type { EntryAnalyticsDTO } from '../../../../common/analytics';
import { isApiError, useApiErrorText } from '../../api';
import { useEntryAnalytics } from '../../hooks/useAnalytics';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import { useT } from '../../utils/useT';
import { StatTiles } from './StatTiles';
import { useMetricLabels } from './useMetricLabels';
import { useStatusText } from './useStatusText';

const DailyChart = lazy(() => import('./DailyChart'));

function PanelContent({ data }: { data: EntryAnalyticsDTO }) {
  const t = useT();
  const label = useMetricLabels();
  const { formatDate } = useIntl();
  const { stats, status } = data;
  const trouble = useStatusText()(status);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {trouble?.message ? (
        <Box padding={3} hasRadius background="danger100">
          <Typography variant="pi" textColor="danger700" tag="p" fontWeight="bold">
            {trouble.message}
          </Typography>
          {trouble.advice ? (
            <Typography variant="pi" textColor="danger700" tag="p">
              {trouble.advice}
            </Typography>
          ) : null}
          {trouble.detail ? (
            <Typography variant="pi" textColor="danger600" tag="p">
              {trouble.detail}
            </Typography>
          ) : null}
        </Box>
      ) : null}
      {stats ? (
        <>
          <StatTiles compact totals={stats} />
          <Suspense fallback={<Loader small>{t('analytics.loading', 'Loading…')}</Loader>}>
            <DailyChart
              compact
              height={120}
              series={data.series}
              label={t('panel.stats.chart', 'Impressions and saves, last 90 days')}
              dateLabel={t('chart.date', 'Day')}
              metrics={[
                { key: 'impressions', label: label.impressions },
                { key: 'saves', label: label.saves },
              ]}
            />
          </Suspense>
          <Typography variant="pi" textColor="neutral600">
            {stats.lastSyncedAt
              ? t('panel.stats.synced', 'Final days through {day}, synced {time}', {
                  day: stats.through
                    ? formatDate(new Date(`${stats.through}T00:00:00Z`), {
                        dateStyle: 'medium',
                        timeZone: 'UTC',
                      })
                    : '—',
                  time: formatDate(new Date(stats.lastSyncedAt), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  }),
                })
              : null}
          </Typography>
        </>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'panel.stats.none',
            'No stats yet: they appear after the next sync once the entry is pinned.'
          )}
        </Typography>
      )}
    </Flex>
  );
}

/** Content Manager side panel: the entry's Pinterest totals and a chart of its last 90 days. */
export const StatsPanel: PanelComponent = ({
  model,
  documentId,
  document,
}: PanelComponentProps) => {
  const t = useT();
  const { allowedActions } = useRights({ canRead: PERMISSIONS.readStats });
  const locale = (document as { locale?: string } | undefined)?.locale ?? undefined;
  const version = (document as { updatedAt?: string } | undefined)?.updatedAt;
  const { data, error } = useEntryAnalytics(
    model,
    documentId,
    locale,
    Boolean(allowedActions.canRead),
    version
  );
  const errorText = useApiErrorText();
  if (!documentId || !allowedActions.canRead) return null;
  // Not found or not allowed: not a content type (or a reader) the panel is for.
  const failed = error && !(isApiError(error) && (error.status === 403 || error.status === 404));
  if (!data?.mapped && !failed) return null;
  return {
    title: t('panel.stats.title', 'Pinterest stats'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        {failed ? (
          <Typography variant="pi" textColor="danger700" tag="p" role="alert">
            {t('panel.stats.failed', 'The stats could not be loaded: {message}', {
              message: errorText(error),
            })}
          </Typography>
        ) : null}
        {data?.mapped ? <PanelContent data={data} /> : null}
      </Flex>
    ),
  };
};
