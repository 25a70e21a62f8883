import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

export interface SelectOption {
  value: string;
  label: string;
}

interface Props {
  /** The field's name (its id in the form). */
  name: string;
  label: string;
  hint?: string;
  /** What is wrong with the field (shown under it, and the select is marked invalid). */
  error?: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  placeholder?: string;
  /** With a clear button: its label, and what clearing does. */
  clear?: { label: string; onClear: () => void };
}

/**
 * A labelled single select (the design system's field parts), with an optional hint, error and
 * clear button.
 */
export function SelectField({
  name,
  label,
  hint,
  error,
  value,
  options,
  onChange,
  disabled,
  placeholder,
  clear,
}: Props) {
  return (
    <Field.Root name={name} hint={hint} error={error}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        clearLabel={clear?.label}
        onClear={clear?.onClear}
        onChange={(v: string | number) => onChange(String(v))}
      >
        {options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {hint ? <Field.Hint /> : null}
      {error ? <Field.Error /> : null}
    </Field.Root>
  );
}
