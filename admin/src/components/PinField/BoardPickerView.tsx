import { useMemo, useState } from 'react';
import { Box, Combobox, ComboboxOption, Field, Flex } from '@strapi/design-system';
import type { BoardDTO, BoardSectionDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { SectionSelectView } from '../SectionSelectView';

export interface BoardPickerProps {
  name: string;
  boardId: string | null;
  sectionId: string | null;
  disabled?: boolean;
  /** The content type's default board, used when the entry names none (shown, not stored). */
  defaultBoardId?: string | null;
  onChange: (next: { boardId: string | null; boardSectionId: string | null }) => void;
}

interface ViewProps extends BoardPickerProps {
  /** The account's boards, `null` while they load. */
  boards: BoardDTO[] | null;
  boardsError: string | null;
  /** The chosen board's sections. */
  sections: BoardSectionDTO[];
  /** Why the sections could not be loaded. */
  sectionsError?: string | null;
  /** Whether the editor may create a board from what they typed. */
  canCreate?: boolean;
  onCreateBoard: (boardName?: string) => void;
}

/** The picker itself, given the boards, the chosen board's sections and what the editor may do. */
export function BoardPickerView({
  name,
  boardId,
  sectionId,
  disabled,
  defaultBoardId,
  onChange,
  boards,
  boardsError,
  sections,
  sectionsError,
  canCreate,
  onCreateBoard,
}: ViewProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const sorted = useMemo(
    () => [...(boards ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [boards]
  );
  const selectedName = sorted.find((b) => b.id === boardId)?.name;
  const defaultName =
    !boardId && defaultBoardId ? sorted.find((b) => b.id === defaultBoardId)?.name : undefined;
  // The combobox only mounts the options in view, so search runs here, over every board.
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q && q !== selectedName?.toLowerCase()
      ? sorted.filter((b) => b.name.toLowerCase().includes(q))
      : sorted;
  }, [sorted, query, selectedName]);
  // The box's text is kept here: a creatable combobox would otherwise show the board's id, not its
  // name,
  // and the name is only known once the boards have loaded.
  const [text, setText] = useState(selectedName ?? '');
  const [shownName, setShownName] = useState(selectedName);
  if (selectedName !== shownName) {
    setShownName(selectedName);
    if (selectedName !== undefined) setText(selectedName);
  }
  // Put the chosen board's name back once the combobox is done with the event (it may empty the
  // text after).
  const [kept, setKept] = useState(0);
  const [restored, setRestored] = useState(0);
  if (kept !== restored) {
    setRestored(kept);
    setQuery('');
    setText(selectedName ?? '');
  }
  const keepChosenBoard = () => setKept((n) => n + 1);

  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap">
      <Box flex="1" minWidth="260px">
        <Field.Root
          name={`${name}.boardId`}
          error={
            boardsError
              ? t('boards.error', 'Boards could not be loaded: {message}', { message: boardsError })
              : undefined
          }
          hint={boards ? t('board.hint', '{count} boards', { count: boards.length }) : undefined}
        >
          <Field.Label>{t('field.board', 'Board')}</Field.Label>
          <Combobox
            value={boardId ?? undefined}
            disabled={disabled || !boards}
            loading={!boards && !boardsError}
            loadingMessage={t('board.loading', 'Loading boards…')}
            placeholder={
              defaultName
                ? t('board.placeholder.default', 'Default: {name} (search to choose another)', {
                    name: defaultName,
                  })
                : t('board.placeholder', 'Search your boards')
            }
            clearLabel={t('board.clear', 'Clear the board')}
            noOptionsMessage={() => t('board.none', 'No board matches')}
            creatable={canCreate}
            createMessage={(value: string) =>
              t('board.create', 'Create board “{name}”', { name: value })
            }
            onCreateOption={(value?: string) => onCreateBoard(value)}
            // The list is filtered here, by what the editor typed: the combobox's own filter would
            // use the chosen board's name and list that board alone.
            autocomplete="none"
            data-pinterest-board-picker
            textValue={text}
            onTextValueChange={setText}
            onInputChange={(e: React.ChangeEvent<HTMLInputElement>) =>
              setQuery(e.currentTarget.value)
            }
            onClear={() => {
              setQuery('');
              onChange({ boardId: null, boardSectionId: null });
            }}
            onChange={(value?: string) => {
              // Leaving the box with text that names no board keeps the board (an emptied box
              // clears it).
              if (value === undefined && text.trim()) return keepChosenBoard();
              // “Create board …”, or leaving the box when boards may be created, reports the typed
              // text as
              // the value: that is no board id (a new board's id arrives once Pinterest created
              // it).
              if (value !== undefined && !sorted.some((b) => b.id === value))
                return keepChosenBoard();
              setQuery('');
              onChange({ boardId: value ?? null, boardSectionId: null });
            }}
          >
            {shown.map((b) => (
              <ComboboxOption key={b.id} value={b.id} textValue={b.name}>
                {b.id === boardId ? t('board.chosen', '{name} (chosen)', { name: b.name }) : b.name}
              </ComboboxOption>
            ))}
          </Combobox>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Box>
      <Box flex="1" minWidth="200px">
        <SectionSelectView
          name={`${name}.boardSectionId`}
          label={t('field.section', 'Section (optional)')}
          boardId={boardId}
          value={sectionId}
          sections={sections}
          error={sectionsError}
          disabled={disabled}
          onChange={(boardSectionId) => onChange({ boardId, boardSectionId })}
        />
      </Box>
    </Flex>
  );
}
