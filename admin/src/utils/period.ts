/**
 * Periods of the analytics dashboard: presets and the conversions between date pickers and UTC
 * days. Pure.
 */

export const PERIOD_PRESETS = ['7', '30', '90', '365', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY = 86_400_000;
export const utcDay = (t: number | Date) => new Date(t).toISOString().slice(0, 10);

/** The last `days` days, today included (UTC, like Pinterest). */
export function presetPeriod(days: number, now = Date.now()): { from: string; to: string } {
  return { from: utcDay(now - (days - 1) * DAY), to: utcDay(now) };
}

/** A `YYYY-MM-DD` day as the local-midnight Date a date picker shows. */
export function dayToPickerDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The day a date picker's (local) Date stands for, as `YYYY-MM-DD`. */
export function pickerDateToDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Query string of the dashboard's filters, leaving out the empty ones. */
export function filterQuery(f: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}
