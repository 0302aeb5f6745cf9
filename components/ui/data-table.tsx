// The one table for lists of records in pages: column headings with scope, numbers right-aligned
// in tabular figures, an empty-state row. On a phone (below 640 px) each row is a list item, its
// cells stacked with their column's heading beside the value, so no table is wider than the screen;
// wider screens get the table, in its own horizontal scroll box should it still not fit.
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
  /** data-testid of this column's values (inside its cells, without the heading a phone repeats). */
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
  const pad = flush ? 'sm:px-4 sm:py-3' : 'sm:py-2.5 sm:pr-3 sm:last:pr-0';
  // Phone: the row a block with a rule below, each cell a line (heading left, value right).
  const stackedRow = flush ? 'max-sm:block max-sm:px-4 max-sm:py-2' : 'max-sm:block max-sm:py-2';
  const stackedCell =
    'max-sm:flex max-sm:min-w-0 max-sm:max-w-none max-sm:items-baseline max-sm:justify-between max-sm:gap-4 max-sm:py-0.5';
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full text-sm', className, 'max-sm:block max-sm:min-w-0')} data-testid={testId}>
        <thead className="text-left text-muted max-sm:sr-only">
          <tr className="border-b border-border">
            {columns.map((column, i) => (
              <th key={i} scope="col" className={cn(pad, 'font-medium', column.numeric && 'text-right', column.className)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {rows.length === 0 && empty ? (
            <tr className="max-sm:block">
              <td colSpan={columns.length} className="py-6 text-center text-muted max-sm:block">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={rowKey(row, index)} className={cn('border-b border-border last:border-0', stackedRow)} data-testid={rowTestId}>
                {columns.map((column, i) => {
                  const Cell = column.rowHeader ? 'th' : 'td';
                  return (
                    <Cell
                      key={i}
                      scope={column.rowHeader ? 'row' : undefined}
                      className={cn(
                        pad,
                        column.numeric && 'whitespace-nowrap text-right tabular-nums',
                        column.rowHeader && 'text-left font-medium',
                        column.className,
                        column.rowHeader ? 'max-sm:block max-sm:max-w-none max-sm:py-0.5' : stackedCell,
                      )}
                    >
                      {column.rowHeader ? null : (
                        // Screen readers have the column headings; this repeats them for the eye.
                        <span aria-hidden className="shrink-0 text-left font-normal text-muted sm:hidden">
                          {column.header}
                        </span>
                      )}
                      <span data-testid={column.testId} className="max-sm:min-w-0 max-sm:text-right max-sm:[overflow-wrap:anywhere]">
                        {column.cell(row)}
                      </span>
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
