import { useEffect, useRef } from 'react';
import { Box, VisuallyHidden } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from 'styled-components';
import type { DailyPoint } from '../../../../common/analytics';

export type ChartMetric = 'impressions' | 'saves' | 'pinClicks' | 'outboundClicks' | 'videoViews';

interface Props {
  series: DailyPoint[];
  metrics: Array<{ key: ChartMetric; label: string }>;
  /** Accessible name of the chart (also its summary for screen readers). */
  label: string;
  /** Heading of the date column in the chart's table of numbers (for screen readers). */
  dateLabel: string;
  height?: number;
  /** A small chart: no grid, no y axis, few date ticks. */
  compact?: boolean;
}

/**
 * Daily metrics as an area chart (recharts), in the design system's colours. Lazy-loaded by the
 * dashboard and the side panel, so the admin's first load does not carry the chart library.
 */
export default function DailyChart({
  series,
  metrics,
  label,
  dateLabel,
  height = 280,
  compact = false,
}: Props) {
  const { colors } = useTheme();
  const theme = { colors: colors as unknown as Record<string, string> };
  const { formatNumber, formatDate } = useIntl();
  const palette = [
    theme.colors.primary600,
    theme.colors.success500,
    theme.colors.warning500,
    theme.colors.danger500,
    theme.colors.secondary500,
  ];
  const day = (d: string) =>
    formatDate(new Date(`${d}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  // The drawing is for the eye: out of the tab order and hidden from screen readers, who get the
  // same numbers as a table (recharts makes its surface focusable; that stop has no name).
  const drawing = useRef<HTMLDivElement>(null);
  useEffect(() => {
    drawing.current
      ?.querySelectorAll('[tabindex], svg, a, button')
      .forEach((el) => el.setAttribute('tabindex', '-1'));
  });
  const totals = metrics
    .map((m) => `${m.label}: ${formatNumber(series.reduce((n, p) => n + (p[m.key] ?? 0), 0))}`)
    .join(', ');

  return (
    <Box role="figure" aria-label={label} width="100%">
      <VisuallyHidden tag="p">{`${label}. ${series.length ? `${day(series[0].date)} – ${day(series[series.length - 1].date)}` : ''}. ${totals}.`}</VisuallyHidden>
      <VisuallyHidden>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{dateLabel}</th>
              {metrics.map((m) => (
                <th key={m.key} scope="col">
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.date}>
                <th scope="row">{day(p.date)}</th>
                {metrics.map((m) => (
                  <td key={m.key}>{formatNumber(p[m.key] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
      <Box ref={drawing} aria-hidden>
        <ResponsiveContainer width="100%" height={height}>
          <AreaChart
            accessibilityLayer={false}
            data={series}
            margin={{ top: 8, right: compact ? 4 : 16, left: compact ? 4 : 0, bottom: 0 }}
          >
            {compact ? null : (
              <CartesianGrid
                strokeDasharray="3 3"
                stroke={theme.colors.neutral200}
                vertical={false}
              />
            )}
            <XAxis
              dataKey="date"
              tickFormatter={day}
              minTickGap={compact ? 60 : 24}
              tick={{ fontSize: 11, fill: theme.colors.neutral600 }}
              stroke={theme.colors.neutral300}
            />
            {compact ? (
              // small multiples of very different sizes (impressions and saves): one hidden scale
              // each
              metrics.map((m) => <YAxis key={m.key} yAxisId={m.key} hide />)
            ) : (
              <YAxis
                yAxisId="shared"
                tickFormatter={(v: number) => formatNumber(v, { notation: 'compact' })}
                tick={{ fontSize: 11, fill: theme.colors.neutral600 }}
                stroke={theme.colors.neutral300}
                width={48}
              />
            )}
            <Tooltip
              labelFormatter={(d) => (typeof d === 'string' ? day(d) : '')}
              formatter={(value, name) => [formatNumber(Number(value)), name]}
              contentStyle={{
                background: theme.colors.neutral0,
                border: `1px solid ${theme.colors.neutral200}`,
                borderRadius: 4,
                fontSize: 12,
              }}
            />
            {metrics.map((m, i) => (
              <Area
                key={m.key}
                yAxisId={compact ? m.key : 'shared'}
                type="monotone"
                dataKey={m.key}
                name={m.label}
                stroke={palette[i % palette.length]}
                fill={palette[i % palette.length]}
                fillOpacity={0.15}
                strokeWidth={2}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
}
