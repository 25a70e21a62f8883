import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import cronstrue from 'cronstrue';
import 'cronstrue/locales/fr';
import { useT } from './useT';

/** cronstrue's languages that the plugin speaks. */
const CRON_LOCALES = new Set(['en', 'fr']);

const isNumber = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);

/**
 * A cron rule (5 fields, or 6 with seconds first) in an editor's words: "hourly", "every day at
 * 07:00", else cronstrue's description in the admin's language. Never the raw rule.
 */
export function useScheduleText() {
  const t = useT();
  const { locale, formatTime } = useIntl();
  return useCallback(
    (rule: string): string => {
      const fields = rule.trim().split(/\s+/);
      const [minute, hour, day, month, weekday] =
        fields.length === 6 && isNumber(fields[0]) ? fields.slice(1) : fields;
      const everyDay = day === '*' && month === '*' && weekday === '*';
      if (isNumber(minute) && hour === '*' && everyDay) return t('schedule.hourly', 'hourly');
      if (isNumber(minute) && isNumber(hour) && everyDay)
        return t('schedule.daily', 'every day at {time}', {
          time: formatTime(new Date(2000, 0, 1, Number(hour), Number(minute)), {
            hour: '2-digit',
            minute: '2-digit',
          }),
        });
      try {
        const language = locale.slice(0, 2);
        return cronstrue.toString(rule, {
          locale: CRON_LOCALES.has(language) ? language : 'en',
          use24HourTimeFormat: true,
          verbose: false,
        });
      } catch {
        return t('schedule.custom', 'on a custom schedule');
      }
    },
    [t, locale, formatTime]
  );
}
