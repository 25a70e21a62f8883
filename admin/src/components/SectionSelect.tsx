import { useCallback } from 'react';
import type { BoardSectionDTO } from '../../../common/wire';
import { useApiErrorText, useApiQuery, usePinterestApi } from '../api';
import { SectionSelectView, type SectionSelectProps } from './SectionSelectView';

const NONE: BoardSectionDTO[] = [];

/**
 * The sections of a board, loaded again whenever the board changes (none without a board), and
 * why they could not be loaded.
 */
export function useBoardSections(
  boardId: string | null,
  accountId: number | null = null
): {
  sections: BoardSectionDTO[];
  error: string | null;
} {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const load = useCallback(
    () => api.listSections(boardId ?? '', accountId),
    [api, boardId, accountId]
  );
  const { data, error, loading } = useApiQuery(boardId ? load : null);
  if (!boardId || loading) return { sections: NONE, error: null };
  return { sections: data ?? NONE, error: error ? errorText(error) : null };
}

/**
 * A board's sections (loaded when the board changes), for the field and the settings defaults
 * alike.
 */
export function SectionSelect({
  accountId = null,
  ...props
}: SectionSelectProps & {
  /** Several accounts: whose board it is (null: the default account). */ accountId?: number | null;
}) {
  const { sections, error } = useBoardSections(props.boardId, accountId);
  return <SectionSelectView {...props} sections={sections} error={error} />;
}
