import { useEffect, useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { BoardDTO } from '../../../../common/wire';
import { PERMISSIONS } from '../../permissions';
import { useT } from '../../utils/useT';
import { useBoardSections } from '../SectionSelect';
import { BoardPickerView, type BoardPickerProps as Props } from './BoardPickerView';

/**
 * Searchable combobox over all the account's boards (created inline when allowed), then the board's
 * sections.
 */
export function BoardPicker(props: Props) {
  const { onChange } = props;
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // useRBAC names each result after the action's last segment: pins.publish → canPublish
  const { allowedActions } = useRBAC(PERMISSIONS.pinEntries);
  const [boards, setBoards] = useState<BoardDTO[] | null>(null);
  const [boardsError, setBoardsError] = useState<string | null>(null);
  const sections = useBoardSections(props.boardId);

  useEffect(() => {
    get<{ boards: BoardDTO[] }>('/pinterest/boards')
      .then(({ data }) => setBoards(data.boards))
      .catch((e: { response?: { data?: { error?: { message?: string } } }; message?: string }) =>
        setBoardsError(e.response?.data?.error?.message ?? e.message ?? 'error')
      );
  }, [get]);

  const createBoard = async (boardName?: string) => {
    if (!boardName?.trim()) return;
    try {
      const { data } = await post<{ board: BoardDTO }>('/pinterest/boards', {
        name: boardName.trim(),
      });
      setBoards((prev) => [...(prev ?? []), data.board]);
      onChange({ boardId: data.board.id, boardSectionId: null });
      toggleNotification({
        type: 'success',
        message: t('board.created', 'Board “{name}” created on Pinterest.', {
          name: data.board.name,
        }),
      });
    } catch (e) {
      const message = (e as { response?: { data?: { error?: { message?: string } } } }).response
        ?.data?.error?.message;
      toggleNotification({
        type: 'danger',
        message: message ?? t('board.createFailed', 'The board could not be created.'),
      });
    }
  };

  return (
    <BoardPickerView
      {...props}
      boards={boards}
      boardsError={boardsError}
      sections={sections}
      canCreate={allowedActions.canPublish}
      onCreateBoard={(boardName) => void createBoard(boardName)}
    />
  );
}
