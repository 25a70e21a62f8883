import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useMetricLabels } from './useMetricLabels';

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
  const label = useMetricLabels();
  const { formatNumber } = useIntl();
  const tiles: Array<[string, string]> = [
    [label.impressions, formatNumber(totals.impressions)],
    [label.saves, formatNumber(totals.saves)],
    [label.pinClicks, formatNumber(totals.pinClicks)],
    [label.outboundClicks, formatNumber(totals.outboundClicks)],
    [label.saveRate, formatNumber(totals.saveRate, { style: 'percent', maximumFractionDigits: 2 })],
  ];
  if (totals.videoViews !== null) tiles.push([label.videoViews, formatNumber(totals.videoViews)]);
  if (totals.pins !== undefined) tiles.push([label.pins, formatNumber(totals.pins)]);

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
