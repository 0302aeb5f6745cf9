// supabase/seed.sql loads on a fresh database and gives a working demo: both sign-ins, invoices
// in every status with a credit note, and an audit chain that verifies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { BCRYPT_COST } from '../../embedded/auth/passwords';
import { DEMO_ACCOUNTS } from '../../embedded/demo';
import { describeEachDatabase } from '../support/db';
import { attempt } from './fixtures';

const DEMO = 'd0000000-0000-4000-8000-000000000001';
const ACCOUNTANT = 'd0000000-0000-4000-8000-000000000002';

describeEachDatabase('seed.sql', (db) => {
  let workspaceId: string;
  beforeAll(async () => {
    await db().admin.query(readFileSync(path.resolve(import.meta.dirname, '../../supabase/seed.sql'), 'utf8'));
    workspaceId = (await db().admin.query(`select workspace_id from workspace_members where user_id = $1 and role = 'owner'`, [DEMO]))
      .rows[0].workspace_id;
  });

  it('creates the demo consultant and accountant with the documented passwords', async () => {
    const { rows } = await db().admin.query(
      `select u.email, u.encrypted_password = extensions.crypt($1, u.encrypted_password) as ok,
              exists (select 1 from auth.identities i where i.user_id = u.id and i.provider = 'email') as identity
         from auth.users u order by u.email`,
      [DEMO_ACCOUNTS.password],
    );
    expect(rows).toEqual([
      { email: DEMO_ACCOUNTS.email, ok: true, identity: true },
      { email: DEMO_ACCOUNTS.accountantEmail, ok: true, identity: true },
    ]);
  });

  it('seed users have bcrypt cost 6: they are hashed at the production cost instead', async () => {
    const { rows } = await db().admin.query<{ cost: string }>(
      `select substring(encrypted_password from 5 for 2) as cost from auth.users order by email`,
    );
    expect(rows.map((r) => Number(r.cost))).toEqual([BCRYPT_COST, BCRYPT_COST]);
  });

  it('has invoices in every status and a sent credit note, numbered without gaps', async () => {
    const { rows } = await db().admin.query(`select kind, status, number from invoices where workspace_id = $1 order by number`, [
      workspaceId,
    ]);
    const statuses = new Set(rows.map((r) => `${r.kind}:${r.status}`));
    for (const s of ['invoice:draft', 'invoice:sent', 'invoice:paid', 'invoice:credited', 'credit_note:sent'])
      expect(statuses).toContain(s);
    const numbers = rows.filter((r) => r.number !== null).map((r) => Number(r.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('has a mind-map with clients, projects, tasks and notes, and unbilled hours', async () => {
    const kinds = await db().admin.query(`select kind, count(*)::int as n from nodes where workspace_id = $1 group by kind order by kind`, [
      workspaceId,
    ]);
    expect(kinds.rows.map((r) => r.kind)).toEqual(['client', 'note', 'project', 'task']);
    const unbilled = await db().admin.query(
      `select count(*)::int as n from time_entries where workspace_id = $1 and invoice_line_id is null`,
      [workspaceId],
    );
    expect(unbilled.rows[0].n).toBeGreaterThan(0);
  });

  it('audits the seed as the demo user, and the chain verifies', async () => {
    expect((await db().admin.query(`select * from verify_audit_chain($1)`, [workspaceId])).rows).toEqual([]);
    const actors = await db().admin.query(`select count(*)::int as n from audit_log where workspace_id = $1 and actor_id = $2`, [
      workspaceId,
      DEMO,
    ]);
    expect(actors.rows[0].n).toBeGreaterThan(0);
  });

  it('dates the hours from today (Europe/Stockholm): a newcomer sees hours this week and this month, none in the future', async () => {
    const { rows } = await db().admin.query(
      `select coalesce(sum(minutes) filter (where entry_date >= date_trunc('week', private.stockholm_today())::date), 0)::int as week,
              coalesce(sum(minutes) filter (where entry_date >= date_trunc('month', private.stockholm_today())::date), 0)::int as month,
              count(*) filter (where entry_date > private.stockholm_today())::int as future
         from time_entries where workspace_id = $1`,
      [workspaceId],
    );
    expect(rows[0].week).toBeGreaterThan(0);
    expect(rows[0].month).toBeGreaterThan(0);
    expect(rows[0].future).toBe(0);
    // The invoices bill the two months before this one; the draft bills this month so far.
    const periods = await db().admin.query(
      `select status, period_start >= (date_trunc('month', private.stockholm_today()) - interval '2 months')::date as recent
         from invoices where workspace_id = $1 and kind = 'invoice'`,
      [workspaceId],
    );
    expect(periods.rows.every((r) => r.recent)).toBe(true);
  });

  it('marks both demo sign-ins as the shared demo (app_metadata.demo, which the app shows a notice for)', async () => {
    const { rows } = await db().admin.query(`select email, raw_app_meta_data ->> 'demo' as demo from auth.users order by email`);
    expect(rows).toEqual([
      { email: DEMO_ACCOUNTS.email, demo: 'true' },
      { email: DEMO_ACCOUNTS.accountantEmail, demo: 'true' },
    ]);
  });

  it('leaves F-skatt to the invoice\'s own "Godkänd för F-skatt" line: the footer no longer says "Innehar F-skattsedel"', async () => {
    const { rows } = await db().admin.query(`select f_skatt, invoice_footer from business_profiles where workspace_id = $1`, [workspaceId]);
    expect(rows[0].f_skatt).toBe(true);
    expect(rows[0].invoice_footer).not.toMatch(/f-skatt/i);
  });

  it('shows the accountant the sent invoices only', async () => {
    const result = await attempt(db(), { user: ACCOUNTANT }, `select status from invoices where workspace_id = $1`, [workspaceId]);
    expect(result.rowCount).toBeGreaterThan(0);
    expect(result.rows.map((r) => r.status)).not.toContain('draft');
  });
});
