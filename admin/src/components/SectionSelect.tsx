import { useEffect, useState } from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { BoardSectionDTO } from '../../../common/wire';
import { useT } from '../utils/useT';

interface Props {
  name: string;
  label: string;
  boardId: string | null;
  value: string | null;
  disabled?: boolean;
  onChange: (sectionId: string | null) => void;
}

/** A board's sections (loaded when the board changes), for the field and the settings defaults alike. */
export function SectionSelect({ name, label, boardId, value, disabled, onChange }: Props) {
  const t = useT();
  const { get } = useFetchClient();
  const [sections, setSections] = useState<BoardSectionDTO[]>([]);

  useEffect(() => {
    if (!boardId) return setSections([]);
    get<{ sections: BoardSectionDTO[] }>(`/pinterest/boards/${boardId}/sections`).then(({ data }) => setSections(data.sections), () => setSections([]));
  }, [boardId, get]);

  return (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value ?? ''}
        disabled={disabled || !boardId || sections.length === 0}
        placeholder={!boardId || sections.length ? t('section.placeholder', 'No section') : t('section.none', 'This board has no sections')}
        onClear={() => onChange(null)}
        onChange={(v: string | number) => onChange(String(v))}
      >
        {sections.map((s) => (
          <SingleSelectOption key={s.id} value={s.id}>
            {s.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
