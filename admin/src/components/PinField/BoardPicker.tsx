import { useEffect, useMemo, useState } from 'react';
import { Box, Combobox, ComboboxOption, Field, Flex } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { BoardDTO } from '../../../../common/wire';
import { PERMISSIONS } from '../../permissions';
import { useT } from '../../utils/useT';
import { SectionSelect } from '../SectionSelect';

interface Props {
  name: string;
  boardId: string | null;
  sectionId: string | null;
  disabled?: boolean;
  onChange: (next: { boardId: string | null; boardSectionId: string | null }) => void;
}

/** Searchable combobox over all the account's boards (created inline when allowed), then the board's sections. */
export function BoardPicker({ name, boardId, sectionId, disabled, onChange }: Props) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // useRBAC names each result after the action's last segment: pins.publish → canPublish
  const { allowedActions } = useRBAC(PERMISSIONS.pinEntries);
  const [boards, setBoards] = useState<BoardDTO[] | null>(null);
  const [boardsError, setBoardsError] = useState<string | null>(null);

  useEffect(() => {
    get<{ boards: BoardDTO[] }>('/pinterest/boards')
      .then(({ data }) => setBoards(data.boards))
      .catch((e: { response?: { data?: { error?: { message?: string } } }; message?: string }) => setBoardsError(e.response?.data?.error?.message ?? e.message ?? 'error'));
  }, [get]);


  const [query, setQuery] = useState('');
  const sorted = useMemo(() => [...(boards ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [boards]);
  // The combobox only mounts the options in view, so search runs here, over every board.
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const selectedName = sorted.find((b) => b.id === boardId)?.name.toLowerCase();
    return q && q !== selectedName ? sorted.filter((b) => b.name.toLowerCase().includes(q)) : sorted;
  }, [sorted, query, boardId]);

  const createBoard = async (boardName?: string) => {
    if (!boardName?.trim()) return;
    try {
      const { data } = await post<{ board: BoardDTO }>('/pinterest/boards', { name: boardName.trim() });
      setBoards((prev) => [...(prev ?? []), data.board]);
      onChange({ boardId: data.board.id, boardSectionId: null });
      toggleNotification({ type: 'success', message: t('board.created', 'Board “{name}” created on Pinterest.', { name: data.board.name }) });
    } catch (e) {
      const message = (e as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      toggleNotification({ type: 'danger', message: message ?? t('board.createFailed', 'The board could not be created.') });
    }
  };

  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap">
      <Box flex="1" minWidth="260px">
        <Field.Root name={`${name}.boardId`} error={boardsError ? t('boards.error', 'Boards could not be loaded: {message}', { message: boardsError }) : undefined} hint={boards ? t('board.hint', '{count} boards', { count: boards.length }) : undefined}>
          <Field.Label>{t('field.board', 'Board')}</Field.Label>
          <Combobox
            value={boardId ?? undefined}
            disabled={disabled || !boards}
            loading={!boards && !boardsError}
            loadingMessage={t('board.loading', 'Loading boards…')}
            placeholder={t('board.placeholder', 'Search your boards')}
            noOptionsMessage={() => t('board.none', 'No board matches')}
            creatable={allowedActions.canPublish}
            createMessage={(value: string) => t('board.create', 'Create board “{name}”', { name: value })}
            onCreateOption={(value?: string) => void createBoard(value)}
            autocomplete={{ type: 'list', filter: 'contains' }}
            onInputChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.currentTarget.value)}
            onClear={() => {
              setQuery('');
              onChange({ boardId: null, boardSectionId: null });
            }}
            onChange={(value?: string) => {
              setQuery('');
              onChange({ boardId: value ?? null, boardSectionId: null });
            }}
          >
            {shown.map((b) => (
              <ComboboxOption key={b.id} value={b.id}>
                {b.name}
              </ComboboxOption>
            ))}
          </Combobox>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Box>
      <Box flex="1" minWidth="200px">
        <SectionSelect
          name={`${name}.boardSectionId`}
          label={t('field.section', 'Section (optional)')}
          boardId={boardId}
          value={sectionId}
          disabled={disabled}
          onChange={(boardSectionId) => onChange({ boardId, boardSectionId })}
        />
      </Box>
    </Flex>
  );
}
