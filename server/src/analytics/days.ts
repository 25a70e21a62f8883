/** Calendar days as Pinterest counts them: UTC, `YYYY-MM-DD`. Pure. */
export const DAY_MS = 86_400_000;

export const ymd = (t: number | Date): string => new Date(t).toISOString().slice(0, 10);
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number): string => ymd(dayStartMs(day) + n * DAY_MS);
/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((dayStartMs(b) - dayStartMs(a)) / DAY_MS);
export const maxDay = (...days: string[]): string => days.reduce((m, d) => (d > m ? d : m));
export const minDay = (...days: string[]): string => days.reduce((m, d) => (d < m ? d : m));

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayStartMs(from), end = dayStartMs(to); t <= end; t += DAY_MS) out.push(ymd(t));
  return out;
}

export const isDay = (s: unknown): s is string =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(dayStartMs(s)) &&
  ymd(dayStartMs(s)) === s;
