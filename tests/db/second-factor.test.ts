// Two-factor sign-in enforced by the database (issue 18, item 3). For an account with a verified
// factor, a session at aal1 (the password without the phone) sees and changes nothing, also through
// the security-definer functions; an owner can require a second factor of their accountants. And
// from the catalog: every policy reads its workspaces from private.member_workspace_ids, which
// refuses such a session, and every table in public carries the write guard, so a new table or
// policy without them fails here.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addVerifiedFactor, attempt, makeTenant, type Tenant } from './fixtures';

const AAL1 = { aal: 'aal1' };
const AAL2 = { aal: 'aal2' };

describeEachDatabase('Second factor', (db) => {
  let t: Tenant;
  let accountant: string;

  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
  });

  it('every policy reads its workspaces from the one membership source, and every table in public has the write guard (from the catalog)', async () => {
    // private.member_workspace_ids answers "none" to a session that owes its second factor; a
    // policy that decides without it (any expression not naming one of its wrappers) fails here.
    const { rows: policies } = await db().admin.query<{ policy: string }>(
      `select c.relnamespace::regnamespace || '.' || c.relname || '.' || p.polname as policy
         from pg_policy p join pg_class c on c.oid = p.polrelid
        where c.relnamespace in ('public'::regnamespace, 'storage'::regnamespace)
          and exists (select from unnest(array[pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)]) e
                       where e is not null
                         and e !~ 'private\\.(my_workspaces|my_owned_workspaces|my_accountant_workspaces|owned_workspace_ids|accountant_workspace_ids)\\(\\)')
        order by 1`,
    );
    expect(policies.map((p) => p.policy)).toEqual([]);
    const { rows } = await db().admin.query<{ name: string; policies: number; trigger: string | null }>(
      `select c.relname as name,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid and 'authenticated'::regrole = any (p.polroles)) as policies,
              (select tg.tgname from pg_trigger tg
                where tg.tgrelid = c.oid and tg.tgfoid = 'private.refuse_without_second_factor()'::regprocedure) as trigger
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => !r.trigger).map((r) => r.name)).toEqual([]);
    // The catalog check above is only as good as its reach: the policies it reads are there.
    expect(rows.filter((r) => r.policies > 0).length).toBeGreaterThan(10);
  });

  it('an owner with a verified factor sees nothing at aal1, everything at aal2; without a factor aal1 is enough', async () => {
    const probe = `select (select count(*) from invoices) as invoices, (select count(*) from nodes) as nodes,
                          (select count(*) from workspace_members) as members`;
    const fresh = await makeTenant(db());
    const before = await attempt(db(), { user: fresh.ownerId, claims: AAL1 }, probe);
    expect(Number(before.rows[0].invoices)).toBeGreaterThan(0);

    await addVerifiedFactor(db(), fresh.ownerId);
    const aal1 = await attempt(db(), { user: fresh.ownerId, claims: AAL1 }, probe);
    expect(aal1.rows[0]).toEqual({ invoices: '0', nodes: '0', members: '0' });
    const noClaim = await attempt(db(), { user: fresh.ownerId }, probe);
    expect(noClaim.rows[0]).toEqual({ invoices: '0', nodes: '0', members: '0' });
    const aal2 = await attempt(db(), { user: fresh.ownerId, claims: AAL2 }, probe);
    expect(aal2.rows[0]).toEqual(before.rows[0]);

    // Every table a policy opens, counted in one statement: nothing at aal1, the tenant's rows at aal2.
    const { rows: tables } = await db().admin.query<{ name: string }>(
      `select distinct quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_policies
        where schemaname in ('public', 'storage') order by 1`,
    );
    const everyTable = `select ${tables.map((t, i) => `(select count(*) from ${t.name})::int as t${i}`).join(', ')}`;
    const counts = async (claims: Record<string, string>) => {
      const result = await attempt(db(), { user: fresh.ownerId, claims }, everyTable);
      expect(result.ok, result.message).toBe(true);
      return Object.fromEntries(tables.map((t, i) => [t.name, result.rows[0][`t${i}`] as number]));
    };
    const seen = await counts(AAL1);
    expect(Object.entries(seen).filter(([, n]) => n > 0)).toEqual([]);
    const assured = await counts(AAL2);
    expect(Object.values(assured).filter((n) => n > 0).length).toBeGreaterThan(5);
  });

  it('at aal1 the security-definer functions change nothing either (send, invite, a direct write)', async () => {
    const fresh = await makeTenant(db());
    await addVerifiedFactor(db(), fresh.ownerId);
    const owner1 = { user: fresh.ownerId, claims: AAL1 };
    const write = await attempt(db(), owner1, `update business_profiles set legal_name = 'Kapad' where workspace_id = $1`, [
      fresh.workspaceId,
    ]);
    expect(write.ok ? write.rowCount : write.code).toSatisfy((v) => v === 0 || v === '42501');
    // The session is a member of nothing yet, so send_invoice does not find the draft (and the
    // write guard would refuse it if it did); the draft stays a draft.
    const send = await attempt(db(), owner1, `select send_invoice($1)`, [fresh.draftInvoiceId]);
    expect(send.code).toSatisfy((code) => code === 'P0002' || code === '42501');
    const draft = await db().admin.query(`select status from invoices where id = $1`, [fresh.draftInvoiceId]);
    expect(draft.rows[0].status).toBe('draft');
    const invite = await attempt(db(), owner1, `select create_invitation('kompis@example.test')`);
    expect(invite).toMatchObject({ code: '42501' });
    // The same owner with the second step done sends.
    const aal2 = await attempt(db(), { user: fresh.ownerId, claims: AAL2 }, `select send_invoice($1)`, [fresh.draftInvoiceId]);
    expect(aal2.ok, aal2.message).toBe(true);
  });

  it('an owner can require a second factor of their accountant; the accountant then needs aal2 to see anything', async () => {
    const seesSent = `select count(*)::int as n from invoices where id = $1`;
    expect((await attempt(db(), { user: accountant, claims: AAL1 }, seesSent, [t.sentInvoiceId])).rows[0].n).toBe(1);

    // Only the owner may set it.
    const byAccountant = await attempt(
      db(),
      { user: accountant },
      `update workspaces set accountants_need_second_factor = true where id = $1`,
      [t.workspaceId],
    );
    expect(byAccountant.ok ? byAccountant.rowCount : byAccountant.code).toSatisfy((v) => v === 0 || v === '42501');
    await db().asUser(t.ownerId, (c) =>
      c.query(`update workspaces set accountants_need_second_factor = true where id = $1`, [t.workspaceId]),
    );

    const aal1 = await attempt(
      db(),
      { user: accountant, claims: AAL1 },
      `select (select count(*) from invoices)::int as invoices, (select count(*) from workspaces where id = $1)::int as workspaces,
              (select count(*) from client_details)::int as clients`,
      [t.workspaceId],
    );
    expect(aal1.rows[0]).toEqual({ invoices: 0, workspaces: 0, clients: 0 });
    expect((await attempt(db(), { user: accountant, claims: AAL2 }, seesSent, [t.sentInvoiceId])).rows[0].n).toBe(1);
    // The owner's own access does not change.
    expect((await attempt(db(), { user: t.ownerId, claims: AAL1 }, seesSent, [t.sentInvoiceId])).rows[0].n).toBe(1);

    await db().asUser(t.ownerId, (c) =>
      c.query(`update workspaces set accountants_need_second_factor = false where id = $1`, [t.workspaceId]),
    );
    expect((await attempt(db(), { user: accountant, claims: AAL1 }, seesSent, [t.sentInvoiceId])).rows[0].n).toBe(1);
  });

  it('jobs and Auth, which write without a user, are not held up by the guard', async () => {
    await addVerifiedFactor(db(), t.ownerId);
    const asAdmin = await db().admin.query(`update business_profiles set legal_name = legal_name where workspace_id = $1`, [t.workspaceId]);
    expect(asAdmin.rowCount).toBe(1);
    await db().admin.query(`delete from auth.mfa_factors where user_id = $1`, [t.ownerId]);
  });
});
