import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AnalyticsOverviewDTO } from '../../../../common/analytics';
import { useT } from '../../utils/useT';
import { DataTable, type DataColumn } from '../shared/DataTable';
import { useMetricLabels } from './useMetricLabels';

type Row = AnalyticsOverviewDTO['accountTotals'][number];

/**
 * Several accounts: the period's totals per Pinterest account (the other filters applied), each
 * account's name a button that filters the dashboard on it.
 */
export function AccountTotals({
  rows,
  onChoose,
}: {
  rows: Row[];
  /** Filters the dashboard on one account. */
  onChoose: (accountId: number) => void;
}) {
  const t = useT();
  const label = useMetricLabels();
  const { formatNumber } = useIntl();
  const name = (r: Row) =>
    r.accountId === null
      ? t('analytics.accounts.none', 'No account (stored before several accounts)')
      : (r.displayName ?? `#${r.accountId}`);
  const columns: Array<DataColumn<Row>> = [
    {
      key: 'account',
      header: t('analytics.accounts.account', 'Account'),
      cell: (r) =>
        r.accountId === null ? (
          <Typography>{name(r)}</Typography>
        ) : (
          <Typography
            tag="button"
            type="button"
            textColor="primary600"
            style={{ background: 'none', border: 'none', padding: 0, cursor: 'pointer' }}
            onClick={() => onChoose(r.accountId!)}
          >
            {r.username ? `${name(r)} (@${r.username})` : name(r)}
          </Typography>
        ),
    },
    ...(['impressions', 'saves', 'pinClicks', 'outboundClicks'] as const).map((k) => ({
      key: k,
      header: label[k],
      cell: (r: Row) => <Typography>{formatNumber(r.totals[k])}</Typography>,
    })),
    {
      key: 'saveRate',
      header: label.saveRate,
      cell: (r) => formatNumber(r.totals.saveRate, { style: 'percent', maximumFractionDigits: 2 }),
    },
    {
      key: 'pins',
      header: label.pins,
      cell: (r) => <Typography>{formatNumber(r.totals.pins)}</Typography>,
    },
  ];
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Box paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {t('analytics.accounts.title', 'By account')}
        </Typography>
      </Box>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => (r.accountId === null ? 'none' : r.accountId)}
      />
    </Box>
  );
}
