/** @jest-environment jsdom */
/**
 * Analytics in an editor's words: the sync schedule as "hourly" or "every day at 07:00" (never the
 * cron rule), and a chart that adds no unnamed tab stop and tells its numbers as a table.
 */
import { renderHook, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { DesignSystemProvider } from '@strapi/design-system';
import { cloneElement, type ReactElement, type ReactNode } from 'react';
import type { DailyPoint } from '../../common/analytics';
import DailyChart from '../../admin/src/components/Analytics/DailyChart';
import { useScheduleText } from '../../admin/src/utils/useScheduleText';
import { messagesFor, type Locale } from './render';

jest.mock('recharts', () => {
  const actual: Record<string, unknown> = jest.requireActual('recharts');
  return {
    ...actual,
    // jsdom lays nothing out: give the chart the size a browser would
    ResponsiveContainer: ({ children }: { children: ReactElement<{ width?: number }> }) =>
      cloneElement(children, { width: 300, height: 120 } as { width: number }),
  };
});

function wrapper(locale: Locale) {
  function Providers({ children }: { children: ReactNode }) {
    return (
      <IntlProvider locale={locale} messages={messagesFor(locale)}>
        <DesignSystemProvider locale={locale}>{children}</DesignSystemProvider>
      </IntlProvider>
    );
  }
  return Providers;
}

const schedule = (locale: Locale, rule: string) =>
  renderHook(() => useScheduleText(), { wrapper: wrapper(locale) }).result.current(rule);

describe('the sync schedule in words', () => {
  it.each([
    ['en', '0 7 * * * *', 'hourly'],
    ['fr', '0 7 * * * *', 'toutes les heures'],
    ['en', '7 * * * *', 'hourly'],
    ['en', '0 0 7 * * *', 'every day at 07:00 AM'],
    ['fr', '0 0 7 * * *', 'tous les jours à 07:00'],
    ['en', '0 30 18 * * *', 'every day at 06:30 PM'],
  ] as const)('%s: %s → %s', (locale, rule, words) => {
    expect(schedule(locale, rule)).toBe(words);
  });

  it('any other rule is described in the admin’s language, never shown raw', () => {
    expect(schedule('en', '0 0 7 * * 1')).toBe('At 07:00, only on Monday');
    expect(schedule('fr', '0 0 7 * * 1')).toMatch(/^À 07:00, uniquement le lundi$/);
    expect(schedule('en', 'not a rule')).toBe('on a custom schedule');
  });
});

const series: DailyPoint[] = [
  { date: '2026-11-01', impressions: 120, saves: 3 },
  { date: '2026-11-02', impressions: 1540, saves: 12 },
  { date: '2026-11-03', impressions: 0, saves: 0 },
] as DailyPoint[];

describe('the stats chart', () => {
  const renderChart = (locale: Locale = 'en') =>
    render(
      <DailyChart
        compact
        height={120}
        series={series}
        label="Impressions and saves, last 90 days"
        dateLabel="Day"
        metrics={[
          { key: 'impressions', label: 'Impressions' },
          { key: 'saves', label: 'Saves' },
        ]}
      />,
      { wrapper: wrapper(locale) }
    );

  it('adds no tab stop: the drawing is out of the tab order and hidden from screen readers', () => {
    renderChart();
    const figure = screen.getByRole('figure', { name: 'Impressions and saves, last 90 days' });
    // the drawing is there (a sized container stands in for jsdom's zero-size layout)
    expect(figure.querySelectorAll('svg.recharts-surface')).toHaveLength(1);
    const focusable = figure.querySelectorAll(
      'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'
    );
    expect([...focusable]).toEqual([]);
    for (const svg of figure.querySelectorAll('svg'))
      expect(svg.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('tells the numbers it shows as a table, day by day', () => {
    renderChart();
    const table = screen.getByRole('table', { name: 'Impressions and saves, last 90 days' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['DayImpressionsSaves', 'Nov 11203', 'Nov 21,54012', 'Nov 300']);
  });
});
