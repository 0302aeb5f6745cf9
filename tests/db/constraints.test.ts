// Invalid data is refused by the database with named constraints the app maps to messages.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { CONSTRAINT_MESSAGES, MESSAGE_KEYS, messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase } from '../support/db';
import { attempt, makeTenant, orgNumber, withLuhn, type Tenant } from './fixtures';

describeEachDatabase('constraints', (db) => {
  let t: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
  });

  async function refused(sql: string, params: unknown[], constraint: string) {
    const result = await attempt(db(), { user: t.ownerId }, sql, params);
    expect(result.ok, `${sql} should be refused`).toBe(false);
    expect(result.constraint, result.message).toBe(constraint);
    expect(messageKeyFor(result)).toBe(CONSTRAINT_MESSAGES[constraint as keyof typeof CONSTRAINT_MESSAGES]);
  }

  it('check-digit functions accept valid and refuse invalid numbers', async () => {
    const digits = withLuhn('4711');
    const plusgiro = `${digits.slice(0, -1)}-${digits.slice(-1)}`;
    const { rows } = await db().admin.query(
      `select
        public.is_valid_org_number($1) as org_ok, public.is_valid_org_number('556677-8890') as org_bad,
        public.is_valid_org_number('5566778899') as org_no_dash,
        public.is_valid_se_vat_number('SE556677889901') as vat_ok, public.is_valid_se_vat_number('SE556677889001') as vat_bad,
        public.is_valid_se_vat_number('SE556677889902') as vat_suffix_bad,
        public.is_valid_bankgiro('5050-1055') as bg_ok, public.is_valid_bankgiro('5050-1056') as bg_bad,
        public.is_valid_plusgiro($2) as pg_ok, public.is_valid_plusgiro($3) as pg_bad,
        public.is_valid_iban('SE4550000000058398257466') as iban_ok, public.is_valid_iban('SE4550000000058398257467') as iban_bad,
        public.is_valid_iban('GB82WEST12345698765432') as iban_gb`,
      [orgNumber('123456789'), plusgiro, plusgiro.slice(0, -1) + ((Number(plusgiro.slice(-1)) + 1) % 10)],
    );
    expect(rows[0]).toEqual({
      org_ok: true,
      org_bad: false,
      org_no_dash: false,
      vat_ok: true,
      vat_bad: false,
      vat_suffix_bad: false,
      bg_ok: true,
      bg_bad: false,
      pg_ok: true,
      pg_bad: false,
      iban_ok: true,
      iban_bad: false,
      iban_gb: true,
    });
  });

  it('refuses negative or zero minutes', async () => {
    await refused(
      `insert into time_entries (workspace_id, node_id, entry_date, minutes) values ($1, $2, current_date, -30)`,
      [t.workspaceId, t.taskId],
      'time_entries_minutes_positive',
    );
    await refused(`update time_entries set minutes = 0 where id = $1`, [t.unbilledEntryId], 'time_entries_minutes_positive');
  });

  it('refuses an unknown VAT rate', async () => {
    await refused(`update invoice_lines set vat_rate = 20 where id = $1`, [t.draftLineId], 'invoice_lines_vat_rate_valid');
  });

  it('refuses organisation, VAT, bankgiro and IBAN numbers with bad check digits', async () => {
    await refused(
      `update business_profiles set org_number = '556677-8890' where workspace_id = $1`,
      [t.workspaceId],
      'business_profiles_org_number_valid',
    );
    await refused(
      `update business_profiles set vat_number = 'SE556677889001' where workspace_id = $1`,
      [t.workspaceId],
      'business_profiles_vat_number_valid',
    );
    await refused(
      `update business_profiles set bankgiro = '5050-1056' where workspace_id = $1`,
      [t.workspaceId],
      'business_profiles_bankgiro_valid',
    );
    await refused(
      `update business_profiles set iban = 'SE4550000000058398257467' where workspace_id = $1`,
      [t.workspaceId],
      'business_profiles_iban_valid',
    );
    await refused(
      `update client_details set org_number = '556677-8890' where node_id = $1`,
      [t.clientId],
      'client_details_org_number_valid',
    );
    await refused(
      `update client_details set vat_number = 'SE556677889101' where node_id = $1`,
      [t.clientId],
      'client_details_vat_number_valid',
    );
  });

  it('refuses a time entry on a note', async () => {
    await refused(
      `insert into time_entries (workspace_id, node_id, entry_date, minutes) values ($1, $2, current_date, 30)`,
      [t.workspaceId, t.noteId],
      'time_entries_node_not_note',
    );
  });

  it('refuses a parent in another workspace, even for the superuser', async () => {
    await refused(
      `insert into nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'project', 'X')`,
      [t.workspaceId, other.clientId],
      'nodes_parent_same_workspace',
    );
    const asAdmin = await db()
      .admin.query(`insert into nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'project', 'X')`, [
        t.workspaceId,
        other.clientId,
      ])
      .catch((e) => e);
    expect(asAdmin.constraint).toBe('nodes_parent_same_workspace');
  });

  it('refuses changing a node kind, and client details or invoices on a non-client node', async () => {
    await refused(`update nodes set kind = 'note' where id = $1`, [t.taskId], 'nodes_kind_immutable');
    await refused(
      `insert into client_details (node_id, workspace_id, name, country) values ($1, $2, 'X', 'NO')`,
      [t.projectId, t.workspaceId],
      'client_details_node_is_client',
    );
    await refused(
      `insert into invoices (workspace_id, client_node_id) values ($1, $2)`,
      [t.workspaceId, t.noteId],
      'invoices_client_is_client',
    );
  });

  it('refuses an hour billed by a line of another workspace', async () => {
    await refused(
      `update time_entries set invoice_line_id = $2 where id = $1`,
      [t.unbilledEntryId, other.draftLineId],
      'time_entries_invoice_line_same_workspace',
    );
    const id = randomUUID();
    await refused(
      `insert into invoice_lines (id, workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, $3, 'x', 1, 1)`,
      [id, t.workspaceId, other.draftInvoiceId],
      'invoice_lines_invoice_same_workspace',
    );
  });

  it('maps every constraint in public to a message key', async () => {
    const { rows } = await db().admin.query<{ conname: string }>(
      `select c.conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname = 'public' and c.contype in ('c', 'f', 'u', 'x') order by 1`,
    );
    const unmapped = rows.map((r) => r.conname).filter((name) => !(name in CONSTRAINT_MESSAGES) && !name.endsWith('_fkey'));
    expect(unmapped).toEqual([]);
    expect(MESSAGE_KEYS).toContain('db.minutesPositive');
  });
});
