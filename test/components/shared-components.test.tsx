/** @jest-environment jsdom */
/**
 * The admin's shared parts (admin/src/components/shared): the table with named and sortable
 * columns, the pager, and the labelled select, in English and French.
 */
import { screen, within } from '@testing-library/react';
import { DataTable, type DataColumn } from '../../admin/src/components/shared/DataTable';
import { Pager } from '../../admin/src/components/shared/Pager';
import { SelectField } from '../../admin/src/components/shared/SelectField';
import { renderWithProviders } from './render';

interface Row {
  id: number;
  title: string;
  saves: number;
}
const ROWS: Row[] = [
  { id: 1, title: 'Tomato soup', saves: 12 },
  { id: 2, title: 'Leek pie', saves: 3 },
];
const COLUMNS: Array<DataColumn<Row>> = [
  { key: 'title', header: 'Entry', cell: (r) => r.title },
  { key: 'saves', header: 'Saves', sortable: true, cell: (r) => String(r.saves) },
  {
    key: 'actions',
    header: 'Actions',
    hideHeader: true,
    cell: (r) => <button type="button">{`Retry ${r.title}`}</button>,
  },
];

describe('DataTable', () => {
  it('names its columns and shows one row per item', () => {
    renderWithProviders(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Entry', 'Saves', 'Actions']);
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('gridcell')
          .map((c) => c.textContent)
      )
    ).toEqual([
      ['Tomato soup', '12', 'Retry Tomato soup'],
      ['Leek pie', '3', 'Retry Leek pie'],
    ]);
    // without a sort, no column says how it is sorted, and none offers to sort
    expect(screen.queryByRole('button', { name: /Sort by/ })).toBeNull();
    expect(
      screen.getByRole('columnheader', { name: 'Saves' }).getAttribute('aria-sort')
    ).toBeNull();
  });

  it('sorts by a sortable column, and says which one and how', async () => {
    const onSort = jest.fn();
    const { user, rerender } = renderWithProviders(
      <DataTable
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(r) => r.id}
        sort={{ key: 'title', dir: 'desc', onSort }}
      />
    );
    expect(screen.getByRole('columnheader', { name: /Saves/ }).getAttribute('aria-sort')).toBe(
      'none'
    );
    await user.click(screen.getByRole('button', { name: 'Sort by Saves' }));
    expect(onSort.mock.calls).toEqual([['saves']]);

    rerender(
      <DataTable
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(r) => r.id}
        sort={{ key: 'saves', dir: 'asc', onSort }}
      />
    );
    expect(screen.getByRole('columnheader', { name: /Saves/ }).getAttribute('aria-sort')).toBe(
      'ascending'
    );
    // a column that cannot be sorted says nothing about sorting
    expect(
      screen.getByRole('columnheader', { name: 'Entry' }).getAttribute('aria-sort')
    ).toBeNull();
  });

  it('names the sort button in French', () => {
    renderWithProviders(
      <DataTable
        columns={COLUMNS}
        rows={ROWS}
        rowKey={(r) => r.id}
        sort={{ key: 'saves', dir: 'desc', onSort: () => undefined }}
      />,
      { locale: 'fr' }
    );
    expect(screen.getByRole('button', { name: 'Trier par Saves' })).toBeTruthy();
  });
});

describe('Pager', () => {
  it('shows nothing when everything fits on one page', () => {
    const { container } = renderWithProviders(
      <Pager page={1} pageSize={10} total={10} onPage={() => undefined} />
    );
    expect(container.textContent).toBe('');
  });

  it('moves between pages, and cannot go past the first or the last', async () => {
    const onPage = jest.fn();
    const { user, rerender } = renderWithProviders(
      <Pager page={1} pageSize={10} total={25} onPage={onPage} />
    );
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    const disabled = (name: string) =>
      screen.getByRole('button', { name }).getAttribute('aria-disabled');
    expect(disabled('Previous page')).toBe('true');
    expect(disabled('Next page')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    rerender(<Pager page={3} pageSize={10} total={25} onPage={onPage} />);
    expect(disabled('Next page')).toBe('true');
    expect(disabled('Previous page')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(onPage.mock.calls).toEqual([[2], [2]]);
  });

  it('speaks French', () => {
    renderWithProviders(<Pager page={2} pageSize={10} total={25} onPage={() => undefined} />, {
      locale: 'fr',
    });
    expect(screen.getByText('Page 2 sur 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Page précédente' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Page suivante' })).toBeTruthy();
  });
});

describe('SelectField', () => {
  const OPTIONS = [
    { value: 'all', label: 'All boards' },
    { value: '11', label: 'Travel' },
    { value: '12', label: 'Recipes' },
  ];

  it('is a labelled select with its hint, and reports the chosen value', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <SelectField
        name="board"
        label="Board"
        hint="Only this board's pins"
        value="all"
        options={OPTIONS}
        onChange={onChange}
      />
    );
    const select = screen.getByRole('combobox', {
      name: 'Board',
      description: "Only this board's pins",
    });
    expect(select.textContent).toContain('All boards');
    await user.click(select);
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All boards',
      'Travel',
      'Recipes',
    ]);
    await user.click(screen.getByRole('option', { name: 'Recipes' }));
    expect(onChange.mock.calls).toEqual([['12']]);
  });

  it('offers a clear button when asked, and follows `disabled`', async () => {
    const onClear = jest.fn();
    const { user, rerender } = renderWithProviders(
      <SelectField
        name="board"
        label="Default board"
        value="11"
        options={OPTIONS}
        onChange={() => undefined}
        clear={{ label: 'Clear the default board', onClear }}
      />
    );
    await user.click(screen.getByRole('button', { name: 'Clear the default board' }));
    expect(onClear).toHaveBeenCalledTimes(1);
    rerender(
      <SelectField
        name="board"
        label="Default board"
        value="11"
        options={OPTIONS}
        onChange={() => undefined}
        disabled
      />
    );
    expect(
      screen.getByRole('combobox', { name: 'Default board' }).getAttribute('aria-disabled')
    ).toBe('true');
  });

  it('shows what is wrong with the field', () => {
    renderWithProviders(
      <SelectField
        name="section"
        label="Section"
        value=""
        options={[]}
        onChange={() => undefined}
        error="Sections could not be loaded: Pinterest could not be reached"
      />
    );
    expect(
      screen.getByRole('combobox', {
        name: 'Section',
        description: 'Sections could not be loaded: Pinterest could not be reached',
      })
    ).toBeTruthy();
  });
});
