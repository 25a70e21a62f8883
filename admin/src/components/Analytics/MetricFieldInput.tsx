import { forwardRef } from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useT } from '../../utils/useT';

interface Props {
  name: string;
  label?: string;
  hint?: string;
}

/** A `plugin::pinterest.metric` field (one total, sortable in the API), shown read-only. */
const MetricFieldInput = forwardRef<HTMLDivElement, Props>(({ name, label, hint }, ref) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const value = useField<number | null>(name).value;
  return (
    <Field.Root
      name={name}
      hint={hint || t('stats.field.hint', 'Written by the Pinterest analytics sync; read-only.')}
      ref={ref}
    >
      <Field.Label>{label ?? t('metric.field.label', 'Pinterest total')}</Field.Label>
      <TextInput
        readOnly
        disabled
        value={value === null || value === undefined ? '—' : formatNumber(value)}
      />
      <Field.Hint />
    </Field.Root>
  );
});

MetricFieldInput.displayName = 'MetricFieldInput';

export default MetricFieldInput;
