import type { BoardSectionDTO } from '../../../common/wire';
import { useT } from '../utils/useT';
import { SelectField } from './shared/SelectField';

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
    <SelectField
      name={name}
      label={label}
      error={
        error
          ? t('sections.error', 'Sections could not be loaded: {message}', { message: error })
          : undefined
      }
      value={value ?? ''}
      disabled={disabled || !boardId || sections.length === 0}
      placeholder={
        !boardId || sections.length
          ? t('section.placeholder', 'No section')
          : t('section.none', 'This board has no sections')
      }
      clear={{ label: t('section.clear', 'Clear the section'), onClear: () => onChange(null) }}
      onChange={onChange}
      options={sections.map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}
