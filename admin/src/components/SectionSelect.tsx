import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { BoardSectionDTO } from '../../../common/wire';
import { SectionSelectView, type SectionSelectProps } from './SectionSelectView';

/** The sections of a board, loaded again whenever the board changes (none without a board). */
export function useBoardSections(boardId: string | null) {
  const { get } = useFetchClient();
  const [sections, setSections] = useState<BoardSectionDTO[]>([]);

  useEffect(() => {
    if (!boardId) return setSections([]);
    get<{ sections: BoardSectionDTO[] }>(`/pinterest/boards/${boardId}/sections`).then(
      ({ data }) => setSections(data.sections),
      () => setSections([])
    );
  }, [boardId, get]);

  return sections;
}

/**
 * A board's sections (loaded when the board changes), for the field and the settings defaults
 * alike.
 */
export function SectionSelect(props: SectionSelectProps) {
  const sections = useBoardSections(props.boardId);
  return <SectionSelectView {...props} sections={sections} />;
}
