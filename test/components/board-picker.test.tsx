/** @jest-environment jsdom */
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import type { BoardDTO, BoardSectionDTO } from '../../common/wire';
import { BoardPickerView } from '../../admin/src/components/PinField/BoardPickerView';
import { renderWithProviders } from './render';

const board = (id: string, name: string): BoardDTO => ({
  id,
  name,
  privacy: 'PUBLIC',
  description: null,
});

const BOARDS = [
  board('11', 'Travel'),
  board('12', 'Recipes'),
  board('13', 'Travel hacks'),
  board('14', 'Garden'),
];
const SECTIONS: Record<string, BoardSectionDTO[]> = {
  '12': [
    { id: '1201', name: 'Dinner' },
    { id: '1202', name: 'Dessert' },
  ],
};

/** 300 generated boards plus a few real-looking ones, in no particular order. */
const manyBoards = () => [
  ...Array.from({ length: 300 }, (_, i) =>
    board(String(5000 + i), `Board ${String(i).padStart(3, '0')}`)
  ),
  board('901', 'Zucchini ideas'),
  board('902', 'Recipes'),
  board('903', 'Autumn'),
];

type Change = { boardId: string | null; boardSectionId: string | null };

/**
 * The field around the picker: keeps the value and gives the chosen board's sections, like
 * BoardPicker does.
 */
function Harness(props: {
  boards?: BoardDTO[] | null;
  /**
   * Id Pinterest gives a board created from the picker (as BoardPicker does: add it, then choose
   * it).
   */
  createdId?: string;
  boardsError?: string | null;
  initial?: Change;
  canCreate?: boolean;
  disabled?: boolean;
  onChange?: (next: Change) => void;
  onCreateBoard?: (name?: string) => void;
  defaultBoardId?: string | null;
}) {
  const [value, setValue] = useState<Change>(
    props.initial ?? { boardId: null, boardSectionId: null }
  );
  const [boards, setBoards] = useState(props.boards === undefined ? BOARDS : props.boards);
  const change = (next: Change) => {
    props.onChange?.(next);
    setValue(next);
  };
  return (
    <BoardPickerView
      name="pin"
      boardId={value.boardId}
      sectionId={value.boardSectionId}
      disabled={props.disabled}
      defaultBoardId={props.defaultBoardId}
      boards={boards}
      boardsError={props.boardsError ?? null}
      sections={value.boardId ? (SECTIONS[value.boardId] ?? []) : []}
      canCreate={props.canCreate}
      onCreateBoard={(name) => {
        props.onCreateBoard?.(name);
        if (props.createdId && name) {
          setBoards([...(boards ?? []), board(props.createdId, name)]);
          change({ boardId: props.createdId, boardSectionId: null });
        }
      }}
      onChange={change}
    />
  );
}

const boardBox = () => screen.getByRole('combobox', { name: 'Board' });
const sectionBox = () => screen.getByRole('combobox', { name: 'Section (optional)' });
const optionNames = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('board picker', () => {
  it("shows the content type's default board while the entry names none, and not once one is chosen", async () => {
    const { user } = renderWithProviders(<Harness defaultBoardId="11" />);
    expect(boardBox().getAttribute('placeholder')).toBe(
      'Default: Travel (search to choose another)'
    );
    await user.click(boardBox());
    await user.click(screen.getByRole('option', { name: 'Recipes' }));
    await waitFor(() => expect((boardBox() as HTMLInputElement).value).toBe('Recipes'));
    expect(boardBox().getAttribute('placeholder')).toBe('Search your boards');
  });

  it('lists every board by name, sorted, and says how many there are', async () => {
    const { user } = renderWithProviders(<Harness />);
    expect(screen.getByRole('combobox', { name: 'Board', description: '4 boards' })).toBeTruthy();
    await user.click(boardBox());
    expect(screen.getByRole('listbox')).toBeTruthy();
    expect(optionNames()).toEqual(['Garden', 'Recipes', 'Travel', 'Travel hacks']);
  });

  it('opened with a board chosen, lists every board with the chosen one marked', async () => {
    const { user } = renderWithProviders(
      <Harness initial={{ boardId: '12', boardSectionId: null }} />
    );
    await waitFor(() => expect((boardBox() as HTMLInputElement).value).toBe('Recipes'));
    await user.click(boardBox());
    expect(optionNames()).toEqual(['Garden', 'Recipes (chosen)', 'Travel', 'Travel hacks']);
  });

  it('filters the boards as you type, whatever the case', async () => {
    const { user } = renderWithProviders(<Harness />);
    await user.type(boardBox(), 'TRAV');
    expect(optionNames()).toEqual(['Travel', 'Travel hacks']);
    await user.type(boardBox(), 'EL H');
    expect(optionNames()).toEqual(['Travel hacks']);
  });

  it('says so when no board matches', async () => {
    const { user } = renderWithProviders(<Harness />);
    await user.type(boardBox(), 'knitting');
    expect(optionNames()).toEqual([]);
    expect(screen.getByText('No board matches')).toBeTruthy();
  });

  it('picks a board: onChange gets its id and no section, and the box shows its name', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness onChange={onChange} />);
    await user.type(boardBox(), 'reci');
    await user.click(screen.getByRole('option', { name: 'Recipes' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '12', boardSectionId: null });
    expect(boardBox()).toHaveProperty('value', 'Recipes');
  });

  it('picks with the keyboard too', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness onChange={onChange} />);
    await user.type(boardBox(), 'gard');
    await user.keyboard('{ArrowDown}');
    const garden = screen.getByRole('option', { name: 'Garden' });
    await waitFor(() => expect(boardBox().getAttribute('aria-activedescendant')).toBe(garden.id));
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '14', boardSectionId: null });
  });

  it.each([false, true])(
    'shows the name of the board already chosen for the entry (may create boards: %s)',
    (canCreate) => {
      renderWithProviders(
        <Harness canCreate={canCreate} initial={{ boardId: '13', boardSectionId: null }} />
      );
      expect(boardBox()).toHaveProperty('value', 'Travel hacks');
    }
  );

  it("shows the chosen board's name once the boards arrive", () => {
    const props = {
      name: 'pin',
      boardId: '13',
      sectionId: null,
      boardsError: null,
      sections: [],
      canCreate: true,
      onCreateBoard: jest.fn(),
      onChange: jest.fn(),
    };
    const { rerender } = renderWithProviders(<BoardPickerView {...props} boards={null} />);
    expect(boardBox()).toHaveProperty('value', '');
    rerender(<BoardPickerView {...props} boards={BOARDS} />);
    expect(boardBox()).toHaveProperty('value', 'Travel hacks');
  });

  it.each([false, true])(
    'typing and leaving without picking keeps the chosen board (may create boards: %s)',
    async (canCreate) => {
      const onChange = jest.fn();
      const { user } = renderWithProviders(
        <Harness
          canCreate={canCreate}
          initial={{ boardId: '13', boardSectionId: null }}
          onChange={onChange}
        />
      );
      await user.clear(boardBox());
      await user.type(boardBox(), 'Knit');
      await user.keyboard('{Escape}');
      await user.tab();
      expect(onChange).not.toHaveBeenCalled();
      expect(boardBox()).toHaveProperty('value', 'Travel hacks');
    }
  );

  it('clears the board (and its section) with the clear button', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <Harness initial={{ boardId: '12', boardSectionId: '1201' }} onChange={onChange} />
    );
    await user.click(screen.getByRole('button', { name: 'Clear the board' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: null, boardSectionId: null });
    expect(boardBox()).toHaveProperty('value', '');
  });

  it('works with 300+ boards: counts them all and finds any of them by typing', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness boards={manyBoards()} onChange={onChange} />);
    expect(screen.getByRole('combobox', { name: 'Board', description: '303 boards' })).toBeTruthy();

    // the last board alphabetically, far past what the open list mounts at first
    await user.type(boardBox(), 'zucc');
    expect(optionNames()).toEqual(['Zucchini ideas']);
    await user.click(screen.getByRole('option', { name: 'Zucchini ideas' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '901', boardSectionId: null });

    await user.clear(boardBox());
    await user.type(boardBox(), 'Board 29');
    expect(optionNames()).toEqual(Array.from({ length: 10 }, (_, i) => `Board 29${i}`));
    await user.click(screen.getByRole('option', { name: 'Board 297' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '5297', boardSectionId: null });
  });

  it('while the boards load: disabled, with no count; a load error is shown instead of the count', () => {
    const { rerender } = renderWithProviders(<Harness boards={null} />);
    expect(boardBox()).toHaveProperty('disabled', true);
    expect(screen.queryByText(/boards$/)).toBeNull();

    rerender(<Harness boards={null} boardsError="Pinterest could not be reached" />);
    expect(
      screen.getByRole('combobox', {
        name: 'Board',
        description: 'Boards could not be loaded: Pinterest could not be reached',
      })
    ).toBeTruthy();
    expect(boardBox().getAttribute('aria-invalid')).toBe('true');
  });

  it('is disabled, section included, when the field is', () => {
    renderWithProviders(<Harness disabled initial={{ boardId: '12', boardSectionId: null }} />);
    expect(boardBox()).toHaveProperty('disabled', true);
    expect(sectionBox().getAttribute('aria-disabled')).toBe('true');
  });
});

describe('section of the chosen board', () => {
  it('is disabled until a board is chosen', () => {
    renderWithProviders(<Harness />);
    expect(sectionBox().getAttribute('aria-disabled')).toBe('true');
    expect(within(sectionBox()).getByText('No section')).toBeTruthy();
  });

  it("lists the chosen board's sections and picks one, keeping the board", async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness onChange={onChange} />);
    await user.type(boardBox(), 'recipes');
    await user.click(screen.getByRole('option', { name: 'Recipes' }));
    expect(sectionBox().getAttribute('aria-disabled')).toBe('false');

    await user.click(sectionBox());
    expect(optionNames()).toEqual(['Dinner', 'Dessert']);
    await user.click(screen.getByRole('option', { name: 'Dinner' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '12', boardSectionId: '1201' });
    expect(within(sectionBox()).getByText('Dinner')).toBeTruthy();
  });

  it('says when the chosen board has no sections', async () => {
    const { user } = renderWithProviders(<Harness />);
    await user.type(boardBox(), 'garden');
    await user.click(screen.getByRole('option', { name: 'Garden' }));
    expect(sectionBox().getAttribute('aria-disabled')).toBe('true');
    expect(within(sectionBox()).getByText('This board has no sections')).toBeTruthy();
  });

  it('clears the section only, with its own clear button', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <Harness initial={{ boardId: '12', boardSectionId: '1201' }} onChange={onChange} />
    );
    await user.click(screen.getByRole('button', { name: 'Clear the section' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '12', boardSectionId: null });
  });

  it('drops the section when the board changes', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <Harness initial={{ boardId: '12', boardSectionId: '1202' }} onChange={onChange} />
    );
    expect(within(sectionBox()).getByText('Dessert')).toBeTruthy();
    await user.clear(boardBox());
    await user.type(boardBox(), 'travel h');
    await user.click(screen.getByRole('option', { name: 'Travel hacks' }));
    expect(onChange).toHaveBeenLastCalledWith({ boardId: '13', boardSectionId: null });
  });
});

describe('creating a board inline', () => {
  it('offers to create the typed board when allowed, and hands over its name', async () => {
    const onCreateBoard = jest.fn();
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <Harness canCreate onCreateBoard={onCreateBoard} onChange={onChange} />
    );
    await user.type(boardBox(), 'Knitting');
    await user.click(screen.getByRole('option', { name: 'Create board “Knitting”' }));
    expect(onCreateBoard.mock.calls).toEqual([['Knitting']]);
    // the board gets an id once Pinterest created it: until then the typed name is no board id
    expect(onChange).not.toHaveBeenCalled();
  });

  it('chooses the new board once it exists', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness canCreate createdId="777" onChange={onChange} />);
    await user.type(boardBox(), 'Knitting');
    await user.click(screen.getByRole('option', { name: 'Create board “Knitting”' }));
    expect(onChange.mock.calls).toEqual([[{ boardId: '777', boardSectionId: null }]]);
    expect(boardBox()).toHaveProperty('value', 'Knitting');
    expect(screen.getByRole('combobox', { name: 'Board', description: '5 boards' })).toBeTruthy();
  });

  it('offers nothing of the kind without the permission', async () => {
    const onCreateBoard = jest.fn();
    const { user } = renderWithProviders(
      <Harness canCreate={false} onCreateBoard={onCreateBoard} />
    );
    await user.type(boardBox(), 'Knitting');
    expect(screen.queryByText(/Create board/)).toBeNull();
    expect(screen.getByText('No board matches')).toBeTruthy();
    expect(onCreateBoard).not.toHaveBeenCalled();
  });
});
