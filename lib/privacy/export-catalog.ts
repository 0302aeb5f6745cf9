// What "everything the user owns" is, read from the catalog rather than listed by hand: every
// table in public with a workspace_id or user_id column, and the workspaces themselves. A table another feature adds is exported
// without anyone touching this file; secrets are kept out by the deny-list below.
import type { Tx } from '@/lib/db/transaction';

/** Columns never exported, whatever table they are in: credentials and token material. */
export const DENIED_COLUMN_PATTERN = /(^|_)(token|secret|password|otp)(_|$)/;

/** Further columns never exported, as table.column. */
export const DENIED_COLUMNS: readonly string[] = [];

export interface ExportColumn {
  name: string;
  type: string;
  description: string | null;
}

export interface ExportTable {
  name: string;
  description: string | null;
  /** The column that picks the rows: in the user's owned workspaces (workspace_id, or id of workspaces), or theirs (user_id). */
  scope: 'workspace_id' | 'user_id' | 'id';
  columns: ExportColumn[];
  /** Columns left out (deny-list). */
  withheld: string[];
}

export function isDeniedColumn(table: string, column: string): boolean {
  return DENIED_COLUMN_PATTERN.test(column) || DENIED_COLUMNS.includes(`${table}.${column}`);
}

/** The exported tables with their documented columns, in name order. */
export async function exportTables(tx: Pick<Tx, 'query'>): Promise<ExportTable[]> {
  const { rows } = await tx.query<{
    table_name: string;
    table_comment: string | null;
    columns: { name: string; type: string; description: string | null }[];
  }>(
    `select c.relname as table_name, obj_description(c.oid, 'pg_class') as table_comment,
            json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                       'description', col_description(c.oid, a.attnum)) order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and (c.relname = 'workspaces'
             or exists (select 1 from pg_attribute k where k.attrelid = c.oid and k.attname in ('workspace_id', 'user_id') and not k.attisdropped))
      group by c.oid, c.relname
      order by c.relname`,
  );
  return rows.map((row) => {
    const names = row.columns.map((col) => col.name);
    return {
      name: row.table_name,
      description: row.table_comment,
      scope: row.table_name === 'workspaces' ? 'id' : names.includes('workspace_id') ? 'workspace_id' : 'user_id',
      columns: row.columns.filter((col) => !isDeniedColumn(row.table_name, col.name)),
      withheld: names.filter((name) => isDeniedColumn(row.table_name, name)),
    };
  });
}
