import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  DatePicker,
  EmptyStateLayout,
  Field,
  Flex,
  Loader,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Download } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { TopPinSort } from '../../../common/analytics';
import { AccountTotals } from '../components/Analytics/AccountTotals';
import { StatTiles } from '../components/Analytics/StatTiles';
import { TopPinsTable } from '../components/Analytics/TopPinsTable';
import { WeakestPins } from '../components/Seo/WeakestPins';
import { BrokenLinks } from '../components/Links/BrokenLinks';
import { useStatusText } from '../components/Analytics/useStatusText';
import type { ChartMetric } from '../components/Analytics/DailyChart';
import { useMetricLabels } from '../components/Analytics/useMetricLabels';
import { SelectField } from '../components/shared/SelectField';
import { useApiErrorText } from '../api';
import { useAnalyticsDashboard, type DashboardFilters } from '../hooks/useAnalytics';
import { PERMISSIONS } from '../permissions';
import { useRights } from '../hooks/useRights';
import {
  dayToPickerDate,
  pickerDateToDay,
  presetPeriod,
  utcDay,
  type PeriodPreset,
} from '../utils/period';
import { useScheduleText } from '../utils/useScheduleText';
import { useT } from '../utils/useT';

const DailyChart = lazy(() => import('../components/Analytics/DailyChart'));
const PAGE_SIZE = 20;
const CHART_METRICS: ChartMetric[] = [
  'impressions',
  'saves',
  'pinClicks',
  'outboundClicks',
  'videoViews',
];

/**
 * Pinterest analytics: totals for a period, a chart over time, the pins sorted by a metric, CSV.
 */
export default function AnalyticsPage() {
  const t = useT();
  const scheduleText = useScheduleText();
  const { formatDate } = useIntl();
  const dayText = (d: string) =>
    formatDate(new Date(`${d}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: rbacLoading } = useRights({
    canRead: PERMISSIONS.readStats,
    canManage: PERMISSIONS.manageSettings,
  });
  const [preset, setPreset] = useState<PeriodPreset>('30');
  const [filters, setFilters] = useState<DashboardFilters>(() => ({
    ...presetPeriod(30),
    contentType: '',
    boardId: '',
    accountId: '',
  }));
  const [sort, setSort] = useState<TopPinSort>('saves');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [metric, setMetric] = useState<ChartMetric>('impressions');
  const [busy, setBusy] = useState<'sync' | 'export' | null>(null);
  const pinsQuery = useMemo(() => ({ sort, dir, page, pageSize: PAGE_SIZE }), [sort, dir, page]);
  const { overview, pins, error, loading, exportCsv, syncNow } = useAnalyticsDashboard(
    filters,
    pinsQuery
  );
  const statusText = useStatusText();
  const metricLabels = useMetricLabels();
  const errorText = useApiErrorText();
  // the latest day a picker offers: today (UTC), as of the page's first render
  const [today] = useState(() => utcDay(Date.now()));

  if (rbacLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  const update = (patch: Partial<DashboardFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const choosePreset = (value: PeriodPreset) => {
    setPreset(value);
    if (value !== 'custom') update(presetPeriod(Number(value)));
  };
  const chooseDay = (key: 'from' | 'to', date: Date | undefined) => {
    if (!date) return;
    setPreset('custom');
    update({ [key]: pickerDateToDay(date) });
  };
  const onSort = (key: TopPinSort) => {
    if (key === sort) setDir((d) => (d === 'desc' ? 'asc' : 'desc'));
    else {
      setSort(key);
      setDir('desc');
    }
    setPage(1);
  };
  const download = async () => {
    setBusy('export');
    try {
      const csv = await exportCsv();
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `pinterest-pins-${filters.from}-to-${filters.to}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('analytics.export.failed', 'The export failed. Try again.')),
      });
    } finally {
      setBusy(null);
    }
  };
  const sync = async () => {
    setBusy('sync');
    try {
      await syncNow();
      toggleNotification({
        type: 'success',
        message: t('analytics.sync.done', 'Sync started; the figures update as it goes.'),
      });
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('analytics.sync.failed', 'The sync could not start.')),
      });
    } finally {
      setBusy(null);
    }
  };

  const status = overview?.status;
  const trouble = status ? statusText(status) : null;
  const hasVideo =
    overview?.totals.videoViews !== null && overview?.totals.videoViews !== undefined;

  return (
    <Page.Main>
      <Page.Title>{t('analytics.title', 'Pinterest analytics')}</Page.Title>
      <Layouts.Header
        title={t('analytics.title', 'Pinterest analytics')}
        subtitle={t(
          'analytics.subtitle',
          'How your pins do on Pinterest: final daily figures, kept beyond Pinterest’s 90 days.'
        )}
        primaryAction={
          <Flex gap={2}>
            {allowedActions.canManage ? (
              <Button
                variant="secondary"
                startIcon={<ArrowClockwise />}
                loading={busy === 'sync'}
                onClick={() => void sync()}
              >
                {t('analytics.sync', 'Sync now')}
              </Button>
            ) : null}
            <Button
              startIcon={<Download />}
              loading={busy === 'export'}
              disabled={!pins?.total}
              onClick={() => void download()}
            >
              {t('analytics.export', 'Export CSV')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {trouble?.message ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('analytics.status.problem', 'The analytics sync needs attention')}
            >
              {[trouble.message, trouble.advice, trouble.detail].filter(Boolean).join(' ')}
            </Alert>
          ) : null}
          {status?.state === 'never' ? (
            <Alert
              variant="default"
              closeLabel={t('close', 'Close')}
              title={t('analytics.status.never.title', 'No sync yet')}
            >
              {t(
                'analytics.status.never',
                'Pin stats are synced {rule}; the first figures appear after the first run.',
                { rule: scheduleText(status.rule) }
              )}
            </Alert>
          ) : null}
          {error ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('analytics.error', 'The stats could not be loaded')}
            >
              {error}
            </Alert>
          ) : null}

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
            <Flex gap={4} wrap="wrap" alignItems="flex-end">
              <Box minWidth="180px">
                <SelectField
                  name="period"
                  label={t('analytics.filter.period', 'Period')}
                  value={preset}
                  onChange={(v) => choosePreset(v as PeriodPreset)}
                  options={[
                    { value: '7', label: t('analytics.filter.days7', 'Last 7 days') },
                    { value: '30', label: t('analytics.filter.days30', 'Last 30 days') },
                    { value: '90', label: t('analytics.filter.days90', 'Last 90 days') },
                    { value: '365', label: t('analytics.filter.days365', 'Last 12 months') },
                    { value: 'custom', label: t('analytics.filter.custom', 'Custom dates') },
                  ]}
                />
              </Box>
              <Box minWidth="160px">
                <Field.Root name="from">
                  <Field.Label>{t('analytics.filter.from', 'From')}</Field.Label>
                  <DatePicker
                    value={dayToPickerDate(filters.from)}
                    maxDate={dayToPickerDate(filters.to)}
                    onChange={(d: Date | undefined) => chooseDay('from', d)}
                    clearLabel={t('analytics.filter.clear', 'Clear')}
                  />
                </Field.Root>
              </Box>
              <Box minWidth="160px">
                <Field.Root name="to">
                  <Field.Label>{t('analytics.filter.to', 'To')}</Field.Label>
                  <DatePicker
                    value={dayToPickerDate(filters.to)}
                    minDate={dayToPickerDate(filters.from)}
                    maxDate={dayToPickerDate(today)}
                    onChange={(d: Date | undefined) => chooseDay('to', d)}
                    clearLabel={t('analytics.filter.clear', 'Clear')}
                  />
                </Field.Root>
              </Box>
              <Box minWidth="200px">
                <SelectField
                  name="contentType"
                  label={t('analytics.filter.contentType', 'Content type')}
                  value={filters.contentType || 'all'}
                  onChange={(v) => update({ contentType: v === 'all' ? '' : v })}
                  options={[
                    {
                      value: 'all',
                      label: t('analytics.filter.allContentTypes', 'All content types'),
                    },
                    ...(overview?.filters.contentTypes ?? []).map((c) => ({
                      value: c.uid,
                      label: c.name,
                    })),
                  ]}
                />
              </Box>
              {(overview?.filters.accounts.length ?? 0) > 1 ? (
                <Box minWidth="200px">
                  <SelectField
                    name="account"
                    label={t('analytics.filter.account', 'Pinterest account')}
                    value={filters.accountId || 'all'}
                    onChange={(v) => update({ accountId: v === 'all' ? '' : v })}
                    options={[
                      {
                        value: 'all',
                        label: t('analytics.filter.allAccounts', 'All accounts'),
                      },
                      ...(overview?.filters.accounts ?? []).map((a) => ({
                        value: String(a.id),
                        label: a.username ? `${a.name} (@${a.username})` : a.name,
                      })),
                    ]}
                  />
                </Box>
              ) : null}
              <Box minWidth="200px">
                <SelectField
                  name="board"
                  label={t('analytics.filter.board', 'Board')}
                  value={filters.boardId || 'all'}
                  onChange={(v) => update({ boardId: v === 'all' ? '' : v })}
                  options={[
                    { value: 'all', label: t('analytics.filter.allBoards', 'All boards') },
                    ...(overview?.filters.boards ?? []).map((b) => ({
                      value: b.id,
                      label: b.name,
                    })),
                  ]}
                />
              </Box>
            </Flex>
          </Box>

          {!overview && loading ? (
            <Loader>{t('analytics.loading', 'Loading…')}</Loader>
          ) : overview ? (
            <>
              <section aria-label={t('analytics.totals', 'Totals for the period')}>
                <StatTiles totals={overview.totals} />
              </section>

              {!filters.accountId && overview.accountTotals.length > 1 ? (
                <AccountTotals
                  rows={overview.accountTotals}
                  onChoose={(id) => update({ accountId: String(id) })}
                />
              ) : null}

              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
                <Flex
                  justifyContent="space-between"
                  alignItems="flex-end"
                  paddingBottom={4}
                  gap={4}
                  wrap="wrap"
                >
                  <Typography variant="delta" tag="h2">
                    {t('analytics.chart.title', 'Over time')}
                  </Typography>
                  <Box minWidth="200px">
                    <SelectField
                      name="metric"
                      label={t('analytics.chart.metric', 'Metric')}
                      value={metric}
                      onChange={(v) => setMetric(v as ChartMetric)}
                      options={CHART_METRICS.filter((k) => k !== 'videoViews' || hasVideo).map(
                        (k) => ({ value: k, label: metricLabels[k] })
                      )}
                    />
                  </Box>
                </Flex>
                <Suspense fallback={<Loader small>{t('analytics.loading', 'Loading…')}</Loader>}>
                  <DailyChart
                    series={overview.series}
                    metrics={[{ key: metric, label: metricLabels[metric] }]}
                    label={t('analytics.chart.label', '{metric} per day, {from} to {to}', {
                      metric: metricLabels[metric],
                      from: dayText(filters.from),
                      to: dayText(filters.to),
                    })}
                    dateLabel={t('chart.date', 'Day')}
                  />
                </Suspense>
              </Box>

              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
                <Box paddingBottom={4}>
                  <Typography variant="delta" tag="h2">
                    {t('analytics.table.title', 'Top pins')}
                  </Typography>
                </Box>
                {pins && pins.total > 0 ? (
                  <TopPinsTable
                    data={pins}
                    sort={sort}
                    dir={dir}
                    page={page}
                    pageSize={PAGE_SIZE}
                    showVideo={hasVideo}
                    onSort={onSort}
                    onPage={setPage}
                  />
                ) : (
                  <EmptyStateLayout
                    content={t(
                      'analytics.table.empty',
                      'No pin has final figures in this period yet.'
                    )}
                  />
                )}
              </Box>
            </>
          ) : null}
          <WeakestPins />
          <BrokenLinks />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
