import type { CSSProperties, ReactNode } from 'react';
import {
  Table,
  Tbody,
  Td,
  TextButton,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import { useT } from '../../utils/useT';

export type SortDir = 'asc' | 'desc';

export interface DataColumn<Row> {
  key: string;
  /** The column's name (also the sort button's). */
  header: string;
  /** Name the column for screen readers only (a column of links or buttons). */
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /** A column the table can be sorted by: clicking its header calls `onSort` with its key. */
  sortable?: boolean;
  /** Style of the column's cells (e.g. `whiteSpace: 'normal'` for long text). */
  cellStyle?: CSSProperties;
}

interface Props<Row> {
  columns: Array<DataColumn<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** The current sort (a sortable column's key) and direction, and how to change it. */
  sort?: { key: string; dir: SortDir; onSort: (key: string) => void };
}

/**
 * The plugin's tables (campaigns, campaign pins, top pins): a header row of named columns, one row
 * per item, optional sorting by a column (`aria-sort` on the header, a "Sort by …" button).
 */
export function DataTable<Row>({ columns, rows, rowKey, sort }: Props<Row>) {
  const t = useT();
  return (
    <Table colCount={columns.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {columns.map((c) => {
            const sorted = sort?.key === c.key;
            return (
              <Th
                key={c.key}
                role="columnheader"
                aria-sort={
                  c.sortable && sort
                    ? sorted
                      ? sort.dir === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : 'none'
                    : undefined
                }
              >
                {c.hideHeader ? (
                  <VisuallyHidden>{c.header}</VisuallyHidden>
                ) : c.sortable && sort ? (
                  <TextButton
                    onClick={() => sort.onSort(c.key)}
                    endIcon={
                      sorted ? (
                        sort.dir === 'asc' ? (
                          <CaretUp aria-hidden />
                        ) : (
                          <CaretDown aria-hidden />
                        )
                      ) : undefined
                    }
                    aria-label={t('table.sortBy', 'Sort by {column}', { column: c.header })}
                  >
                    <Typography variant="sigma" textColor={sorted ? 'primary600' : 'neutral600'}>
                      {c.header}
                    </Typography>
                  </TextButton>
                ) : (
                  <Typography variant="sigma">{c.header}</Typography>
                )}
              </Th>
            );
          })}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)}>
            {columns.map((c) => (
              <Td key={c.key} style={c.cellStyle}>
                {c.cell(row)}
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
