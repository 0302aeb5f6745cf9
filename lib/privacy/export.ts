// "Export my data": one JSON document of everything the user owns, read as the user (RLS decides
// what is visible) in one transaction. Its format is documented inside it: every table carries
// its description and its columns' types and descriptions from the database's own comments.
import type { Tx } from '@/lib/db/transaction';
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import { exportTables, type ExportTable } from './export-catalog';

export const EXPORT_FORMAT = 'konsultverkstad-export/1';

/** Buckets whose objects the ZIP adds under files/<bucket>/<name>. */
export const EXPORTED_BUCKETS = ['documents', 'logos', 'invoice-archive'] as const;

export interface ExportedFile {
  bucket: string;
  name: string;
  size: number | null;
  content_type: string | null;
  created_at: string;
}

export interface DataExport {
  format: typeof EXPORT_FORMAT;
  exported_at: string;
  account: { id: string; email: string | null; metadata: Record<string, unknown> };
  schema: Record<string, { description: string | null; selected_by: string; columns: ExportTable['columns']; withheld_columns: string[] }>;
  tables: Record<string, Record<string, unknown>[]>;
  files: ExportedFile[];
  security_log: Record<string, unknown>[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tableRows(tx: Tx, table: ExportTable, owned: string[]): Promise<Record<string, unknown>[]> {
  const columns = table.columns.map((c) => `t.${quoteIdent(c.name)}`).join(', ');
  const where = table.scope === 'user_id' ? `t.user_id = (select auth.uid())` : `t.${table.scope} = any ($1::uuid[])`;
  const { rows } = await tx.query<{ rows: Record<string, unknown>[] }>(
    `select coalesce(json_agg(x), '[]'::json) as rows from (select ${columns} from public.${quoteIdent(table.name)} t where ${where}) x`,
    table.scope === 'user_id' ? [] : [owned],
  );
  return rows[0].rows;
}

/** Reads the export inside the user's transaction (open it unscoped: all owned workspaces). */
export async function buildExport(tx: Tx, claims: VerifiedClaims, now = new Date()): Promise<DataExport> {
  const owned = (
    await tx.query<{ id: string }>(
      `select workspace_id as id from public.workspace_members where user_id = (select auth.uid()) and role = 'owner'`,
    )
  ).rows.map((r) => r.id);
  const tables = await exportTables(tx);
  const data: DataExport = {
    format: EXPORT_FORMAT,
    exported_at: now.toISOString(),
    account: {
      id: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      metadata: (claims.user_metadata as Record<string, unknown> | undefined) ?? {},
    },
    schema: {},
    tables: {},
    files: [],
    security_log: [],
  };
  for (const table of tables) {
    data.schema[table.name] = {
      description: table.description,
      selected_by: table.scope,
      columns: table.columns,
      withheld_columns: table.withheld,
    };
    data.tables[table.name] = await tableRows(tx, table, owned);
  }
  data.files = (
    await tx.query<ExportedFile>(
      `select o.bucket_id as bucket, o.name, (o.metadata ->> 'size')::bigint as size, o.metadata ->> 'mimetype' as content_type, o.created_at
         from storage.objects o
        where o.bucket_id = any ($1::text[]) and (storage.foldername(o.name))[1] = any ($2::text[])
        order by o.bucket_id, o.name`,
      [EXPORTED_BUCKETS, owned],
    )
  ).rows.map((f) => ({ ...f, size: f.size === null ? null : Number(f.size), created_at: new Date(f.created_at).toISOString() }));
  data.security_log = (await tx.query(`select * from public.my_security_log(500)`)).rows;
  return data;
}

/** The export, and a line in the user's security log that it happened (one transaction). */
export async function exportAndRecord(tx: Tx, claims: VerifiedClaims): Promise<DataExport> {
  const data = await buildExport(tx, claims);
  await tx.query(`select public.record_data_export()`);
  return data;
}
