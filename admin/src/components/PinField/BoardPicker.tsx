import { useCallback, useMemo, useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import type { BoardDTO } from '../../../../common/wire';
import { useApiErrorText, useApiQuery, usePinterestApi } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import { useT } from '../../utils/useT';
import { useBoardSections } from '../SectionSelect';
import { BoardPickerView, type BoardPickerProps as Props } from './BoardPickerView';

/**
 * Searchable combobox over all the account's boards (created inline when allowed), then the board's
 * sections.
 */
export function BoardPicker({
  accountId = null,
  ...props
}: Props & {
  /** Several accounts: whose boards (null: the default account's, where boards can be created). */
  accountId?: number | null;
}) {
  const { onChange } = props;
  const t = useT();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRights({ canPublish: PERMISSIONS.pinEntries });
  const load = useCallback(() => api.listBoards(accountId), [api, accountId]);
  const loaded = useApiQuery(load);
  // boards created here, until the list is loaded again
  const [created, setCreated] = useState<BoardDTO[]>([]);
  const boards = useMemo(
    () => (loaded.data ? [...loaded.data, ...created] : null),
    [loaded.data, created]
  );
  const { sections, error: sectionsError } = useBoardSections(props.boardId, accountId);

  const createBoard = async (boardName?: string) => {
    if (!boardName?.trim()) return;
    try {
      const board = await api.createBoard(boardName.trim(), accountId);
      setCreated((prev) => [...prev, board]);
      onChange({ boardId: board.id, boardSectionId: null });
      toggleNotification({
        type: 'success',
        message: t('board.created', 'Board “{name}” created on Pinterest.', { name: board.name }),
      });
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('board.createFailed', 'The board could not be created.')),
      });
    }
  };

  return (
    <BoardPickerView
      {...props}
      boards={boards}
      boardsError={loaded.error ? errorText(loaded.error) : null}
      sections={sections}
      sectionsError={sectionsError}
      // a new board is made on the account whose boards are listed
      canCreate={allowedActions.canPublish}
      onCreateBoard={(boardName) => void createBoard(boardName)}
    />
  );
}
