import { useMemo, useState } from 'react';
import {
  Checkbox,
  Combobox,
  ComboboxOption,
  DateTimePicker,
  Field,
  Grid,
  NumberInput,
  TimePicker,
} from '@strapi/design-system';
import type { Pacing } from '../../../../common/campaigns';
import { useT } from '../../utils/useT';

/** The pacing as the form holds it (the window can be switched off without losing its times). */
export interface PacingForm {
  intervalMinutes: number;
  maxPerDay: number | null;
  windowOn: boolean;
  windowStart: string;
  windowEnd: string;
  timeZone: string;
  minDays: number;
  startAt: Date | null;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const defaultPacing = (): PacingForm => ({
  intervalMinutes: 60,
  maxPerDay: 10,
  windowOn: true,
  windowStart: '09:00',
  windowEnd: '21:00',
  timeZone: browserTimeZone(),
  minDays: 7,
  startAt: null,
});

/** The form's pacing as the server takes it. */
export function toPacing(form: PacingForm): Pacing {
  return {
    intervalMinutes: Math.max(0, form.intervalMinutes),
    maxPerDay: form.maxPerDay || null,
    window: form.windowOn ? { start: form.windowStart, end: form.windowEnd } : null,
    timeZone: form.timeZone,
    minDaysBetweenSameLink: Math.max(0, Math.round(form.minDays)),
    startAt: form.startAt ? form.startAt.toISOString() : null,
  };
}

const zones = (): string[] => {
  const supported =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
      'timeZone'
    ) ?? [];
  return [...new Set(['UTC', browserTimeZone(), ...supported])];
};

/**
 * One pin every N minutes, at most M a day, only inside a daily window, spacing per link, a start
 * time.
 */
export function PacingFields({
  name,
  value,
  onChange,
  compact,
}: {
  name: string;
  value: PacingForm;
  onChange: (next: PacingForm) => void;
  compact?: boolean;
}) {
  const t = useT();
  const allZones = useMemo(() => zones(), []);
  // the box's text is kept here: the combobox mounts only the options in view, so it cannot name
  // the chosen one
  const [zoneText, setZoneText] = useState(value.timeZone);
  const set = <K extends keyof PacingForm>(key: K, v: PacingForm[K]) =>
    onChange({ ...value, [key]: v });
  // compact (the dialog): two columns; on the planner page: three
  const third = compact ? 6 : 4;

  const timeZone = (
    <Grid.Item col={third} s={12} direction="column" alignItems="stretch">
      <Field.Root name={`${name}.timeZone`}>
        <Field.Label>{t('campaign.pacing.timeZone', 'Time zone')}</Field.Label>
        <Combobox
          value={value.timeZone}
          textValue={zoneText}
          onTextValueChange={setZoneText}
          autocomplete={{ type: 'list', filter: 'contains' }}
          clearLabel={t('campaign.pacing.clear', 'Clear')}
          onChange={(v?: string) => {
            if (v && allZones.includes(v)) set('timeZone', v);
            else setZoneText(value.timeZone);
          }}
        >
          {allZones.map((z) => (
            <ComboboxOption key={z} value={z}>
              {z}
            </ComboboxOption>
          ))}
        </Combobox>
      </Field.Root>
    </Grid.Item>
  );

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={third} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name={`${name}.interval`}
          hint={t(
            'campaign.pacing.interval.hint',
            'At least this long between two pins of the campaign'
          )}
        >
          <Field.Label>{t('campaign.pacing.interval', 'One pin every (minutes)')}</Field.Label>
          <NumberInput
            value={value.intervalMinutes}
            step={5}
            onValueChange={(v: number | undefined) => set('intervalMinutes', v ?? 0)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={third} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name={`${name}.maxPerDay`}
          hint={t('campaign.pacing.maxPerDay.hint', 'Spread evenly over the day; empty for no cap')}
        >
          <Field.Label>{t('campaign.pacing.maxPerDay', 'At most per day')}</Field.Label>
          <NumberInput
            value={value.maxPerDay ?? undefined}
            onValueChange={(v: number | undefined) =>
              set('maxPerDay', v && v > 0 ? Math.round(v) : null)
            }
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={third} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name={`${name}.minDays`}
          hint={t('campaign.pacing.minDays.hint', 'Earlier pins of the link count too')}
        >
          <Field.Label>{t('campaign.pacing.minDays', 'Days between pins of a link')}</Field.Label>
          <NumberInput
            value={value.minDays}
            onValueChange={(v: number | undefined) => set('minDays', v ?? 0)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      {compact ? timeZone : null}
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Checkbox
          checked={value.windowOn}
          onCheckedChange={(c: boolean | 'indeterminate') => set('windowOn', c === true)}
        >
          {t('campaign.pacing.window', 'Only pin between these times')}
        </Checkbox>
      </Grid.Item>
      <Grid.Item col={third} s={6} direction="column" alignItems="stretch">
        <Field.Root name={`${name}.windowStart`}>
          <Field.Label>{t('campaign.pacing.windowStart', 'From')}</Field.Label>
          <TimePicker
            value={value.windowStart}
            step={30}
            disabled={!value.windowOn}
            clearLabel={t('campaign.pacing.clear', 'Clear')}
            onChange={(v?: string) => v && set('windowStart', v.slice(0, 5))}
          />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={third} s={6} direction="column" alignItems="stretch">
        <Field.Root name={`${name}.windowEnd`}>
          <Field.Label>{t('campaign.pacing.windowEnd', 'Until')}</Field.Label>
          <TimePicker
            value={value.windowEnd}
            step={30}
            disabled={!value.windowOn}
            clearLabel={t('campaign.pacing.clear', 'Clear')}
            onChange={(v?: string) => v && set('windowEnd', v.slice(0, 5))}
          />
        </Field.Root>
      </Grid.Item>
      {compact ? null : timeZone}
      <Grid.Item col={compact ? 12 : 6} s={12} direction="column" alignItems="stretch">
        <Field.Root name={`${name}.startAt`} hint={t('campaign.pacing.start.hint', 'Empty: now')}>
          <Field.Label>{t('campaign.pacing.start', 'Start')}</Field.Label>
          <DateTimePicker
            value={value.startAt ?? undefined}
            dateLabel={t('campaign.pacing.startDate', 'Start date')}
            timeLabel={t('campaign.pacing.startTime', 'Start time')}
            clearLabel={t('campaign.pacing.clear', 'Clear')}
            onChange={(d: Date | undefined) => set('startAt', d ?? null)}
            onClear={() => set('startAt', null)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
}
