import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { BoardSectionDTO } from '../../../common/wire';
import { useT } from '../utils/useT';

export interface SectionSelectProps {
  name: string;
  label: string;
  boardId: string | null;
  value: string | null;
  disabled?: boolean;
  onChange: (sectionId: string | null) => void;
}

/** The select itself, given the chosen board's sections. */
export function SectionSelectView({
  name,
  label,
  boardId,
  value,
  disabled,
  onChange,
  sections,
  error,
}: SectionSelectProps & {
  sections: BoardSectionDTO[];
  /** Why the sections could not be loaded. */
  error?: string | null;
}) {
  const t = useT();
  return (
    <Field.Root
      name={name}
      error={
        error
          ? t('sections.error', 'Sections could not be loaded: {message}', { message: error })
          : undefined
      }
    >
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value ?? ''}
        disabled={disabled || !boardId || sections.length === 0}
        placeholder={
          !boardId || sections.length
            ? t('section.placeholder', 'No section')
            : t('section.none', 'This board has no sections')
        }
        clearLabel={t('section.clear', 'Clear the section')}
        onClear={() => onChange(null)}
        onChange={(v: string | number) => onChange(String(v))}
      >
        {sections.map((s) => (
          <SingleSelectOption key={s.id} value={s.id}>
            {s.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
}
