import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../../utils/useT';

export interface TileTotals {
  impressions: number;
  saves: number;
  pinClicks: number;
  outboundClicks: number;
  saveRate: number;
  videoViews: number | null;
  pins?: number;
}

/** The totals as labelled figures (a definition list, so each number is read with its name). */
export function StatTiles({ totals, compact = false }: { totals: TileTotals; compact?: boolean }) {
  const t = useT();
  const { formatNumber } = useIntl();
  const tiles: Array<[string, string]> = [
    [t('analytics.impressions', 'Impressions'), formatNumber(totals.impressions)],
    [t('analytics.saves', 'Saves'), formatNumber(totals.saves)],
    [t('analytics.pinClicks', 'Pin clicks'), formatNumber(totals.pinClicks)],
    [t('analytics.outboundClicks', 'Outbound clicks'), formatNumber(totals.outboundClicks)],
    [
      t('analytics.saveRate', 'Save rate'),
      formatNumber(totals.saveRate, { style: 'percent', maximumFractionDigits: 2 }),
    ],
  ];
  if (totals.videoViews !== null)
    tiles.push([t('analytics.videoViews', 'Video views'), formatNumber(totals.videoViews)]);
  if (totals.pins !== undefined)
    tiles.push([t('analytics.pins', 'Pins'), formatNumber(totals.pins)]);

  return (
    <Flex tag="dl" wrap="wrap" gap={compact ? 2 : 4} alignItems="stretch">
      {tiles.map(([label, value]) => (
        <Box
          key={label}
          background={compact ? 'neutral100' : 'neutral0'}
          hasRadius
          shadow={compact ? undefined : 'tableShadow'}
          padding={compact ? 2 : 4}
          flex={compact ? '1 1 45%' : '1 1 150px'}
        >
          <Typography tag="dt" variant="sigma" textColor="neutral600">
            {label}
          </Typography>
          <Typography
            tag="dd"
            variant={compact ? 'omega' : 'alpha'}
            fontWeight="bold"
            style={{ margin: 0 }}
          >
            {value}
          </Typography>
        </Box>
      ))}
    </Flex>
  );
}
