// The one table for lists of records in pages: column headings with scope, numbers right-aligned
// in tabular figures, an empty-state row, and its own horizontal scroll box so a wide table never
// makes the page scroll sideways on a phone.
import type { ReactNode } from 'react';
import { cn } from './cn';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, tabular figures, no wrapping (amounts, hours, dates). */
  numeric?: boolean;
  /** This column's cells are the row's headings (th scope="row"). */
  rowHeader?: boolean;
  /** Classes for this column's heading and cells (e.g. hiding it on narrow screens). */
  className?: string;
  /** data-testid of this column's cells. */
  testId?: string;
}

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  className,
  testId,
  rowTestId,
  flush,
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** Shown in one row when there are no rows. */
  empty?: ReactNode;
  /** Classes for the table itself, e.g. a min-width below which it scrolls in its box. */
  className?: string;
  testId?: string;
  rowTestId?: string;
  /** The table sits at its card's edges: every cell gets side padding. */
  flush?: boolean;
}) {
  const pad = flush ? 'px-4 py-3' : 'py-2.5 pr-3 last:pr-0';
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full text-sm', className)} data-testid={testId}>
        <thead className="text-left text-muted">
          <tr className="border-b border-border">
            {columns.map((column, i) => (
              <th key={i} scope="col" className={cn(pad, 'font-medium', column.numeric && 'text-right', column.className)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="py-6 text-center text-muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)} className="border-b border-border last:border-0" data-testid={rowTestId}>
                {columns.map((column, i) => {
                  const Cell = column.rowHeader ? 'th' : 'td';
                  return (
                    <Cell
                      key={i}
                      scope={column.rowHeader ? 'row' : undefined}
                      data-testid={column.testId}
                      className={cn(
                        pad,
                        column.numeric && 'whitespace-nowrap text-right tabular-nums',
                        column.rowHeader && 'text-left font-medium',
                        column.className,
                      )}
                    >
                      {column.cell(row)}
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
