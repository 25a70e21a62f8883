import { useCallback } from 'react';
import { useIntl } from 'react-intl';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * One way to write dates on every screen: the admin's locale through react-intl (never the
 * browser's own locale). `when` gives a date and time, `ago` a relative time ("2 minutes ago").
 */
export function useDates() {
  const { formatDate, formatRelativeTime } = useIntl();
  const when = useCallback(
    (value: string | number | Date) =>
      formatDate(value, { dateStyle: 'medium', timeStyle: 'short' }),
    [formatDate]
  );
  const day = useCallback(
    (value: string | number | Date) => formatDate(value, { dateStyle: 'medium' }),
    [formatDate]
  );
  const ago = useCallback(
    (value: string | number | Date, now = Date.now()) => {
      const seconds = Math.round((new Date(value).getTime() - now) / 1000);
      const abs = Math.abs(seconds);
      const found = UNITS.find(([, size]) => abs >= size);
      return found
        ? formatRelativeTime(Math.round(seconds / found[1]), found[0], { numeric: 'auto' })
        : formatRelativeTime(0, 'second', { numeric: 'auto' });
    },
    [formatRelativeTime]
  );
  return { when, day, ago };
}
