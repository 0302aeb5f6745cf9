// The RLS matrix, built from the catalog: every table in the exposed schemas (public, storage)
// × select/insert/update/delete × anon, owner, another tenant, accountant, and the owner signed in
// with the password only although their account has a second factor (owner_aal1: allowed nothing,
// anywhere). A table without a row in EXPECTED fails the suite, so a new table forces its
// policies to be thought through.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addVerifiedFactor, attempt, makeTenant, type Tenant, type Who } from './fixtures';

type Actor = 'anon' | 'owner' | 'other' | 'accountant' | 'owner_aal1';
type Op = 'select' | 'insert' | 'update' | 'delete';
const ACTORS: Actor[] = ['anon', 'owner', 'other', 'accountant', 'owner_aal1'];
const OPS: Op[] = ['select', 'insert', 'update', 'delete'];

interface Ctx extends Tenant {
  strangerId: string;
  bareClientId: string;
}
interface Spec {
  allow: Record<Op, Actor[]>;
  /** Picks the probe row, a row of the owner's workspace. */
  where: (t: Ctx) => [string, unknown[]];
  set: string;
  insert: (t: Ctx) => [string, unknown[]];
}

const OWNER_ONLY: Record<Op, Actor[]> = { select: ['owner'], insert: ['owner'], update: ['owner'], delete: ['owner'] };
const NOBODY: Record<Op, Actor[]> = { select: [], insert: [], update: [], delete: [] };

const EXPECTED: Record<string, Spec> = {
  'public.workspaces': {
    allow: { select: ['owner', 'accountant'], insert: [], update: ['owner'], delete: [] },
    where: (t) => ['id = $1', [t.workspaceId]],
    set: 'name = name',
    insert: () => [`insert into workspaces (name) values ('Intrång')`, []],
  },
  'public.workspace_members': {
    allow: { select: ['owner', 'accountant'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1 and user_id = $2', [t.workspaceId, t.ownerId]],
    set: 'role = role',
    insert: (t) => [`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'owner')`, [t.workspaceId, t.strangerId]],
  },
  'public.business_profiles': {
    allow: { select: ['owner'], insert: [], update: ['owner'], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'legal_name = legal_name',
    insert: (t) => [`insert into business_profiles (workspace_id) values ($1)`, [t.workspaceId]],
  },
  'public.nodes': {
    allow: OWNER_ONLY,
    where: (t) => ['id = $1', [t.noteId]],
    set: 'title = title',
    insert: (t) => [`insert into nodes (workspace_id, kind, title) values ($1, 'note', 'Ny')`, [t.workspaceId]],
  },
  'public.client_details': {
    allow: { select: ['owner', 'accountant'], insert: ['owner'], update: ['owner'], delete: ['owner'] },
    where: (t) => ['node_id = $1', [t.clientId]],
    set: 'name = name',
    insert: (t) => [
      `insert into client_details (node_id, workspace_id, name, country) values ($1, $2, 'Ny AB', 'NO')`,
      [t.bareClientId, t.workspaceId],
    ],
  },
  'public.time_entries': {
    allow: OWNER_ONLY,
    where: (t) => ['id = $1', [t.unbilledEntryId]],
    set: 'minutes = minutes',
    insert: (t) => [
      `insert into time_entries (workspace_id, node_id, entry_date, minutes) values ($1, $2, current_date, 30)`,
      [t.workspaceId, t.taskId],
    ],
  },
  'public.invoices': {
    allow: OWNER_ONLY,
    where: (t) => ['id = $1', [t.draftInvoiceId]],
    set: 'message = message',
    insert: (t) => [`insert into invoices (workspace_id, client_node_id) values ($1, $2)`, [t.workspaceId, t.clientId]],
  },
  'public.invoice_lines': {
    allow: OWNER_ONLY,
    where: (t) => ['id = $1', [t.draftLineId]],
    set: 'description = description',
    insert: (t) => [
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Rad', 1, 100)`,
      [t.workspaceId, t.draftInvoiceId],
    ],
  },
  'public.invoice_events': {
    allow: { select: ['owner', 'accountant'], insert: [], update: [], delete: [] },
    where: (t) => ['invoice_id = $1', [t.sentInvoiceId]],
    set: 'details = details',
    insert: (t) => [
      `insert into invoice_events (workspace_id, invoice_id, event) values ($1, $2, 'paid')`,
      [t.workspaceId, t.sentInvoiceId],
    ],
  },
  'public.invoice_payments': {
    allow: { select: ['owner', 'accountant'], insert: [], update: [], delete: [] },
    where: (t) => ['invoice_id = $1', [t.sentInvoiceId]],
    set: 'reference = reference',
    insert: (t) => [
      `insert into invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method) values ($1, $2, 100, current_date, 'other')`,
      [t.workspaceId, t.sentInvoiceId],
    ],
  },
  'public.number_series': {
    allow: { select: ['owner'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'next_number = next_number',
    insert: (t) => [`insert into number_series (workspace_id, series) values ($1, 'extra')`, [t.workspaceId]],
  },
  'public.audit_log': {
    allow: { select: ['owner'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'row_id = row_id',
    insert: (t) => [
      `insert into audit_log (workspace_id, seq, table_name, row_id, action, content_hash, row_hash) values ($1, 999, 'x', 'x', 'insert', '\\x00', '\\x00')`,
      [t.workspaceId],
    ],
  },
  'storage.buckets': {
    allow: NOBODY,
    where: () => [`id = 'documents'`, []],
    set: 'name = name',
    insert: () => [`insert into storage.buckets (id, name) values ('intrang', 'intrang')`, []],
  },
  'storage.objects': {
    allow: OWNER_ONLY,
    where: (t) => [`bucket_id = 'documents' and name = $1`, [t.documentName]],
    set: 'name = name',
    insert: (t) => [`insert into storage.objects (bucket_id, name) values ('documents', $1)`, [`${t.workspaceId}/ny.txt`]],
  },
  'public.running_timers': {
    allow: OWNER_ONLY,
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'description = description',
    // One timer per user: the owner's insert replaces the probe timer.
    insert: (t) => [
      `insert into running_timers (workspace_id, user_id, node_id) values ($1, $2, $3)
         on conflict (workspace_id, user_id) do update set node_id = excluded.node_id`,
      [t.workspaceId, t.ownerId, t.taskId],
    ],
  },
  'public.invitations': {
    allow: { select: ['owner'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'revoked_at = now()',
    insert: (t) => [
      `insert into invitations (workspace_id, email, token_hash, expires_at) values ($1, 'x@example.test', sha256('x'), now())`,
      [t.workspaceId],
    ],
  },
  'public.sie_accounts': {
    allow: { select: ['owner', 'accountant'], insert: ['owner'], update: ['owner'], delete: ['owner'] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'receivable = receivable',
    insert: (t) => [
      `insert into sie_accounts (workspace_id) values ($1) on conflict (workspace_id) do update set receivable = excluded.receivable`,
      [t.workspaceId],
    ],
  },
  'public.bank_imports': {
    allow: { select: ['owner'], insert: ['owner'], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'file_name = file_name',
    insert: (t) => [
      `insert into bank_imports (workspace_id, format, file_name, file_sha256, imported_by) values ($1, 'bgmax', 'ny.txt', repeat('b', 64), auth.uid())`,
      [t.workspaceId],
    ],
  },
  'public.bank_import_payments': {
    allow: { select: ['owner'], insert: ['owner'], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'position = position',
    insert: (t) => [
      `insert into bank_import_payments (workspace_id, import_id, kind, source_ref, position, amount_ore, paid_on, method)
       values ($1, (select id from bank_imports where workspace_id = $1 limit 1), 'payment', gen_random_uuid()::text, 'rad 1', 100, current_date, 'bankgiro')`,
      [t.workspaceId],
    ],
  },
  'public.payment_reminders': {
    allow: { select: ['owner'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'fee_ore = fee_ore',
    insert: (t) => [
      `insert into payment_reminders (workspace_id, invoice_id, sent_on, outstanding_ore, recipient) values ($1, $2, current_date, 100, 'a@example.se')`,
      [t.workspaceId, t.sentInvoiceId],
    ],
  },
  'public.export_downloads': {
    allow: { select: ['owner'], insert: [], update: [], delete: [] },
    where: (t) => ['workspace_id = $1', [t.workspaceId]],
    set: 'kind = kind',
    insert: (t) => [`insert into export_downloads (workspace_id, user_id, kind) values ($1, gen_random_uuid(), 'zip')`, [t.workspaceId]],
  },
};

describeEachDatabase('RLS matrix', (db) => {
  let ctx: Ctx;
  const who: Record<Actor, Who> = {
    anon: { anon: true },
    owner: { user: '' },
    other: { user: '' },
    accountant: { user: '' },
    owner_aal1: { user: '' },
  };

  beforeAll(async () => {
    const tenant = await makeTenant(db());
    const other = await makeTenant(db());
    const accountant = await addAccountant(db(), tenant.workspaceId);
    const strangerId = await db().createUser();
    const bareClientId = randomUUID();
    await db().admin.query(`insert into nodes (id, workspace_id, kind, title) values ($1, $2, 'client', 'Utan detaljer')`, [
      bareClientId,
      tenant.workspaceId,
    ]);
    await db().admin.query(`insert into running_timers (workspace_id, user_id, node_id) values ($1, $2, $3)`, [
      tenant.workspaceId,
      tenant.ownerId,
      tenant.taskId,
    ]);
    // Probe rows of the accountant feature's tables.
    await db().asUser(tenant.ownerId, async (c) => {
      await c.query(`select create_invitation('probe@example.test'), log_download($1, 'zip')`, [tenant.workspaceId]);
      await c.query(`insert into sie_accounts (workspace_id) values ($1)`, [tenant.workspaceId]);
      await c.query(`select record_payment(id, 100, issue_date, 'bankgiro') from invoices where id = $1`, [tenant.sentInvoiceId]);
      // Getting paid (issue 19): a bank import with one payment.
      await c.query(
        `with i as (insert into bank_imports (workspace_id, format, file_name, file_sha256, imported_by)
                    values ($1, 'bgmax', 'probe.txt', repeat('a', 64), auth.uid()) returning id)
         insert into bank_import_payments (workspace_id, import_id, kind, source_ref, position, amount_ore, paid_on, method)
         select $1, i.id, 'payment', 'probe', 'rad 3', 100, current_date, 'bankgiro' from i`,
        [tenant.workspaceId],
      );
    });
    await db().admin.query(
      `insert into payment_reminders (workspace_id, invoice_id, sent_on, outstanding_ore, recipient) values ($1, $2, current_date, 100, 'a@example.se')`,
      [tenant.workspaceId, tenant.sentInvoiceId],
    );
    ctx = { ...tenant, strangerId, bareClientId };
    // The owner has a verified TOTP factor (as Auth writes it): their aal2 session may do what the
    // owner may, a password-only (aal1) one nothing.
    await addVerifiedFactor(db(), tenant.ownerId);
    who.owner = { user: tenant.ownerId, claims: { aal: 'aal2' } };
    who.owner_aal1 = { user: tenant.ownerId, claims: { aal: 'aal1' } };
    who.other = { user: other.ownerId };
    who.accountant = { user: accountant };
  });

  it('has an expectations row for every table in the exposed schemas, and RLS on each', async () => {
    const { rows } = await db().admin.query<{ name: string; rls: boolean }>(
      `select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'storage') and c.relkind in ('r', 'p') order by 1`,
    );
    expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual([]);
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [table, spec] of Object.entries(EXPECTED)) {
    for (const op of OPS) {
      it(`${table} ${op}: allowed for [${spec.allow[op].join(', ')}] only`, async () => {
        const [where, params] = spec.where(ctx);
        for (const actor of ACTORS) {
          const allowed = spec.allow[op].includes(actor);
          let result;
          if (op === 'select') result = await attempt(db(), who[actor], `select 1 from ${table} where ${where}`, params);
          else if (op === 'update') result = await attempt(db(), who[actor], `update ${table} set ${spec.set} where ${where}`, params);
          // Storage refuses direct deletes from its tables; its API deletes with the flag set, under RLS.
          else if (op === 'delete')
            result = await attempt(db(), who[actor], `delete from ${table} where ${where}`, params, {
              asStorageApi: table.startsWith('storage.'),
            });
          else result = await attempt(db(), who[actor], ...spec.insert(ctx));
          const label = `${table} ${op} as ${actor}: ${result.message ?? `${result.rowCount} rows`}`;
          if (allowed) {
            expect(result.ok && result.rowCount > 0, label).toBe(true);
          } else if (op === 'insert') {
            expect(result.code, label).toBe('42501');
          } else {
            expect(result.ok ? result.rowCount : result.code, label).toSatisfy((v) => v === 0 || v === '42501');
          }
        }
      });
    }
  }
});
