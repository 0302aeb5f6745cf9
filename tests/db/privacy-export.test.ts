// Export completeness from the catalog: every table holding user data (a workspace_id or user_id
// column in public) is in the export with every row of the user's own workspace, secrets are
// withheld by a reviewed deny-list, other tenants and accountant access never leak in.
import type { JwtPayload } from '@supabase/supabase-js';
import { expect, it } from 'vitest';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { buildExport, EXPORT_FORMAT } from '@/lib/privacy/export';
import { isDeniedColumn } from '@/lib/privacy/export-catalog';
import { describeEachDatabase } from '../support/db';
import { addAccountant, makeTenant } from './fixtures';

/**
 * Columns whose names look secret but were reviewed and are fine to hand the user: integrity
 * hashes of their own records. A new column named like a credential fails the test below until
 * it is either denied (lib/privacy/export-catalog.ts) or listed here.
 */
// A file's SHA-256 proves which file it was; it gives no access to anything.
const REVIEWED_EXPORTABLE = [
  'audit_log.content_hash',
  'audit_log.prev_hash',
  'audit_log.row_hash',
  'invoices.pdf_sha256',
  'bank_imports.file_sha256',
];
const SECRET_LOOKING = /hash|token|secret|password|otp|key|sha/;

const claimsOf = (sub: string) =>
  asVerifiedClaims({
    sub,
    role: 'authenticated',
    aud: 'authenticated',
    email: 'agare@example.test',
  } as unknown as JwtPayload) as VerifiedClaims;

describeEachDatabase('data export', (db) => {
  it('contains every table with user data in public, from the catalog, with all of the owner’s rows', async () => {
    const t = await makeTenant(db());
    const other = await makeTenant(db());
    const accountantId = await addAccountant(db(), other.workspaceId);
    // The owner is also accountant elsewhere: that workspace is not theirs to export.
    await db().admin.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'accountant')`, [
      other.workspaceId,
      t.ownerId,
    ]);

    const data = await db().asUser(t.ownerId, (c) => buildExport(c, claimsOf(t.ownerId)));
    expect(data.format).toBe(EXPORT_FORMAT);
    expect(data.account.id).toBe(t.ownerId);

    const { rows: catalog } = await db().admin.query<{ table_name: string; column_name: string }>(
      `select c.relname as table_name, a.attname as column_name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname in ('workspace_id', 'user_id')`,
    );
    const userTables = [...new Set(catalog.map((r) => r.table_name)), 'workspaces'].sort();
    expect(Object.keys(data.tables).sort()).toEqual(userTables);

    for (const table of userTables) {
      const column =
        table === 'workspaces'
          ? 'id'
          : catalog.some((r) => r.table_name === table && r.column_name === 'workspace_id')
            ? 'workspace_id'
            : 'user_id';
      const key = column === 'user_id' ? t.ownerId : t.workspaceId;
      const { rows } = await db().admin.query(`select count(*)::int as n from public.${table} where ${column} = $1`, [key]);
      expect(data.tables[table].length, table).toBe(rows[0].n);
      // Nothing of another tenant's workspace, though the owner is their accountant.
      expect(JSON.stringify(data.tables[table]), table).not.toContain(other.workspaceId);
      expect(data.schema[table].columns.length, `${table} documents its columns`).toBeGreaterThan(0);
    }
    // The fixture has data in the main tables, so the counts above are not vacuous.
    for (const table of [
      'nodes',
      'client_details',
      'time_entries',
      'invoices',
      'invoice_lines',
      'invoice_events',
      'audit_log',
      'business_profiles',
    ]) {
      expect(data.tables[table].length, table).toBeGreaterThan(0);
    }
    expect(data.tables.nodes.map((n) => n.title)).toContain('Anteckning');
    expect(data.schema.nodes.description).toMatch(/Mind-map nodes/);
    expect(data.files.map((f) => f.name).sort()).toEqual([t.archiveName, t.documentName].sort());
    expect(JSON.stringify(data)).not.toContain(accountantId);
  });

  it('withholds credential-like columns by a reviewed deny-list', async () => {
    const { rows } = await db().admin.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
    const unreviewed = rows
      .filter((r) => SECRET_LOOKING.test(r.column_name))
      .map((r) => `${r.table_name}.${r.column_name}`)
      .filter((name) => !REVIEWED_EXPORTABLE.includes(name) && !isDeniedColumn(name.split('.')[0], name.split('.')[1]));
    expect(unreviewed).toEqual([]);
    expect(isDeniedColumn('invitations', 'token_hash')).toBe(true);
    expect(isDeniedColumn('anything', 'password')).toBe(true);
    expect(isDeniedColumn('audit_log', 'row_hash')).toBe(false);
  });

  it('leaves a data_exported line in the security log only when recorded', async () => {
    const t = await makeTenant(db());
    await db().asUser(t.ownerId, (c) => c.query(`select public.record_data_export()`));
    const log = await db().asUser(t.ownerId, (c) => c.query(`select action from my_security_log() where source = 'app'`));
    expect(log.rows.map((r) => r.action)).toEqual(['data_exported']);
  });
});
