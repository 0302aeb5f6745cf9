// Shared fixtures for the database suites: a complete tenant (profile, mind-map, hours, a draft
// and a sent invoice, a document), an accountant, and a way to try a statement as a role
// without keeping its effects.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { RemoveFiles } from '../../lib/jobs/retention';
import type { TestDatabase } from '../support/db';

/** Appends the Luhn check digit to a digit string. */
export function withLuhn(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = digits + d;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let v = Number(c);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A fictional organisation number NNNNNN-NNNN with a valid check digit. */
export function orgNumber(nine: string): string {
  const ten = withLuhn(nine);
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

export const VALID_IBAN = 'SE4550000000058398257466';
export const VALID_BANKGIRO = '5050-1055';

/** A user may carry more claims than sub and role (aal: the session's assurance level). */
export type Who = { anon: true } | { service: true } | { user: string; claims?: Record<string, unknown> };
export interface Attempt {
  ok: boolean;
  rowCount: number;
  rows: Record<string, unknown>[];
  code?: string;
  message?: string;
  constraint?: string;
}

/** How the Storage API passes the platform's guard against direct deletes (storage.protect_delete) for its own delete. */
const ALLOW_STORAGE_DELETE = `select set_config('storage.allow_delete_query', 'true', true)`;

export interface StorageApiOption {
  /** Run as the Storage API's own delete would: past the platform guard, so the project's rules decide. */
  asStorageApi?: boolean;
}

/** storage.from(bucket).remove(names) with the service role, in SQL: what the Storage API runs. */
export function storageApiRemover(db: TestDatabase): RemoveFiles {
  return (bucket, names) =>
    db.asServiceRole(async (c) => {
      await c.query(ALLOW_STORAGE_DELETE);
      await c.query(`delete from storage.objects where bucket_id = $1 and name = any($2::text[])`, [bucket, names]);
    });
}

/** Runs sql as `who` in a transaction that is always rolled back; reports the outcome. */
export async function attempt(
  db: TestDatabase,
  who: Who,
  sql: string,
  params: unknown[] = [],
  opts: StorageApiOption = {},
): Promise<Attempt> {
  if ('user' in who) {
    return db.asUser(
      who.user,
      async (c) => {
        if (opts.asStorageApi) await c.query(ALLOW_STORAGE_DELETE);
        return outcome(c, sql, params);
      },
      { rollback: true, claims: who.claims },
    );
  }
  const client = await db.admin.connect();
  try {
    await client.query('begin');
    if (opts.asStorageApi) await client.query(ALLOW_STORAGE_DELETE);
    if ('anon' in who) {
      await client.query(`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`);
    } else {
      await client.query(
        `select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`,
      );
    }
    return await outcome(client, sql, params);
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/** Runs one statement and reports what happened instead of throwing. */
async function outcome(client: pg.PoolClient, sql: string, params: unknown[]): Promise<Attempt> {
  try {
    const result = await client.query(sql, params);
    return { ok: true, rowCount: result.rowCount ?? 0, rows: result.rows };
  } catch (error) {
    const e = error as pg.DatabaseError;
    return { ok: false, rowCount: 0, rows: [], code: e.code, message: e.message, constraint: e.constraint };
  }
}

/** Same as attempt, but as the superuser table owner (no role switch). */
export async function attemptAsAdmin(db: TestDatabase, sql: string, params: unknown[] = [], opts: StorageApiOption = {}): Promise<Attempt> {
  const client = await db.admin.connect();
  try {
    await client.query('begin');
    if (opts.asStorageApi) await client.query(ALLOW_STORAGE_DELETE);
    return await outcome(client, sql, params);
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

export interface Tenant {
  ownerId: string;
  workspaceId: string;
  clientId: string;
  projectId: string;
  taskId: string;
  noteId: string;
  unbilledEntryId: string;
  billedEntryId: string;
  draftInvoiceId: string;
  draftLineId: string;
  sentInvoiceId: string;
  sentLineId: string;
  documentName: string;
  archiveName: string;
}

let counter = 0;

/** Fills a complete business profile for the workspace (as its owner). */
export async function completeProfile(c: pg.PoolClient, workspaceId: string) {
  const n = String(100000000 + (counter++ % 899999999)).slice(0, 9);
  const org = orgNumber(n);
  await c.query(
    `update business_profiles set legal_name = 'Testkonsult Enskild Firma', org_number = $2, vat_number = $3,
       address_line1 = 'Provgatan 1', postal_code = '111 22', city = 'Stockholm', bankgiro = $4, iban = $5, bic = 'ESSESESS',
       f_skatt = true, default_hourly_rate_ore = 95000
     where workspace_id = $1`,
    [workspaceId, org, `SE${org.replace('-', '')}01`, VALID_BANKGIRO, VALID_IBAN],
  );
}

/** Adds a client node with complete invoicing details; returns its id. */
export async function addClient(c: pg.PoolClient, workspaceId: string, opts: { reverseCharge?: boolean; vat?: string | null } = {}) {
  const id = randomUUID();
  await c.query(`insert into nodes (id, workspace_id, kind, title) values ($1, $2, 'client', 'Provkund AB')`, [id, workspaceId]);
  await c.query(
    `insert into client_details (node_id, workspace_id, name, org_number, vat_number, address_line1, postal_code, city, reverse_charge)
     values ($1, $2, 'Provkund AB', '556677-8899', $3, 'Kundvägen 2', '222 33', 'Malmö', $4)`,
    [id, workspaceId, opts.vat === undefined ? 'SE556677889901' : opts.vat, opts.reverseCharge ?? false],
  );
  return id;
}

/** Adds a draft invoice with one line on the client; returns ids. */
export async function addDraft(c: pg.PoolClient, workspaceId: string, clientId: string, opts: { vatRate?: number } = {}) {
  const invoiceId = randomUUID();
  const lineId = randomUUID();
  await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [invoiceId, workspaceId, clientId]);
  await c.query(
    `insert into invoice_lines (id, workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate)
     values ($1, $2, $3, 'Konsulttimmar', 8, 95000, $4)`,
    [lineId, workspaceId, invoiceId, opts.vatRate ?? 25],
  );
  return { invoiceId, lineId };
}

export async function workspaceOf(db: TestDatabase, userId: string): Promise<string> {
  const { rows } = await db.admin.query(`select workspace_id from workspace_members where user_id = $1 and role = 'owner'`, [userId]);
  return rows[0].workspace_id;
}

export async function makeTenant(db: TestDatabase): Promise<Tenant> {
  const ownerId = await db.createUser();
  const workspaceId = await workspaceOf(db, ownerId);
  const ids = {
    projectId: randomUUID(),
    taskId: randomUUID(),
    noteId: randomUUID(),
    unbilledEntryId: randomUUID(),
    billedEntryId: randomUUID(),
  };
  const documentName = `${workspaceId}/${ids.noteId}/notes.txt`;
  const archiveName = `${workspaceId}/archived.pdf`;
  const rest = await db.asUser(ownerId, async (c) => {
    await completeProfile(c, workspaceId);
    const clientId = await addClient(c, workspaceId);
    await c.query(
      `insert into nodes (id, workspace_id, parent_id, kind, title) values
         ($1, $4, $5, 'project', 'Projekt'), ($2, $4, $1, 'task', 'Uppgift'), ($3, $4, $5, 'note', 'Anteckning')`,
      [ids.projectId, ids.taskId, ids.noteId, workspaceId, clientId],
    );
    const draft = await addDraft(c, workspaceId, clientId);
    const sent = await addDraft(c, workspaceId, clientId);
    await c.query(
      `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore, invoice_line_id) values
         ($1, $3, $4, current_date, 90, 95000, null), ($2, $3, $4, current_date, 480, 95000, $5)`,
      [ids.unbilledEntryId, ids.billedEntryId, workspaceId, ids.taskId, sent.lineId],
    );
    await c.query('select send_invoice($1)', [sent.invoiceId]);
    await c.query(`insert into storage.objects (bucket_id, name, owner) values ('documents', $1, $3), ('invoice-archive', $2, $3)`, [
      documentName,
      archiveName,
      ownerId,
    ]);
    return { clientId, draftInvoiceId: draft.invoiceId, draftLineId: draft.lineId, sentInvoiceId: sent.invoiceId, sentLineId: sent.lineId };
  });
  return { ownerId, workspaceId, documentName, archiveName, ...ids, ...rest };
}

/** A user who is accountant of the tenant's workspace (and owner of their own). */
export async function addAccountant(db: TestDatabase, workspaceId: string): Promise<string> {
  const id = await db.createUser();
  await db.admin.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'accountant')`, [workspaceId, id]);
  return id;
}

/** A verified TOTP factor for the user, as Auth writes it after enrolment: below aal2 their sessions see nothing. */
export async function addVerifiedFactor(db: TestDatabase, userId: string): Promise<void> {
  await db.admin.query(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       values (gen_random_uuid(), $1, 'Telefon', 'totp', 'verified', now(), now(), 'JBSWY3DPEHPK3PXP')`,
    [userId],
  );
}
