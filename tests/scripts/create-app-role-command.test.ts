// Issue 14, item 1: `npm run db:create-app-role` failed on hosted Supabase, where `postgres` is no
// superuser (CREATEROLE and BYPASSRLS only) and `alter role … nosuperuser` is refused. The command
// runs here as such a role on PostgreSQL 15; the app_server it makes logs in, is anon outside a
// user's transaction, and works with the app's one entry point with RLS holding.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { repoRoot } from '../support/paths';
import { createPg15Copy } from '../support/pg15';

const run = promisify(execFile);
const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
// Roles are cluster-wide: names of their own, so other files' app_server is never touched.
const operator = { name: `hosted_postgres_${suffix}`, password: randomBytes(18).toString('base64url') };
const appRole = { name: `app_server_${suffix}`, password: randomBytes(18).toString('base64url') };

let copy: Awaited<ReturnType<typeof createPg15Copy>>;
let superuser: pg.Client;
const urlAs = (role: { name: string; password: string }) => {
  const url = new URL(copy.adminUrl);
  url.username = role.name;
  url.password = role.password;
  return url.toString();
};

/** `npm run db:create-app-role` as the operator would run it; the refusal's message when it fails. */
async function createAppRole(adminUrl: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/create-app-role.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ADMIN_DATABASE_URL: adminUrl, APP_DB_PASSWORD: appRole.password, APP_DB_ROLE: appRole.name },
    });
    return stdout;
  } catch (error) {
    return `failed: ${(error as { stderr?: string }).stderr ?? error}`;
  }
}

beforeAll(async () => {
  copy = await createPg15Copy(inject('pg15AdminUrl'), inject('pg15Template'));
  superuser = new pg.Client(copy.superuserUrl);
  await superuser.connect();
  // What hosted Supabase's `postgres` is: no superuser, CREATEROLE and BYPASSRLS.
  await superuser.query(`create role ${operator.name} login nosuperuser createrole bypassrls password '${operator.password}'`);
  await superuser.query(`grant all on database ${new URL(copy.adminUrl).pathname.slice(1)} to ${operator.name}`);
}, 60_000);

afterAll(async () => {
  if (superuser) {
    await superuser.query(`drop role if exists ${appRole.name}`).catch(() => undefined);
    await superuser.query(`drop owned by ${operator.name}`).catch(() => undefined);
    await superuser.query(`drop role if exists ${operator.name}`).catch(() => undefined);
    await superuser.end();
  }
  await copy?.stop();
});

describe('npm run db:create-app-role as hosted postgres (CREATEROLE, no superuser) [pg15]', () => {
  it('creates app_server, and running it again (a new password) works too', async () => {
    expect((await superuser.query(`select rolsuper, rolcreaterole from pg_roles where rolname = $1`, [operator.name])).rows[0]).toEqual({
      rolsuper: false,
      rolcreaterole: true,
    });
    expect(await createAppRole(urlAs(operator))).toContain('The app server role is ready');
    expect(await createAppRole(urlAs(operator))).toContain('The app server role is ready');
    const { rows } = await superuser.query(
      `select rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolcanlogin, rolconfig from pg_roles where rolname = $1`,
      [appRole.name],
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolinherit: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      rolreplication: false,
      rolcanlogin: true,
      rolconfig: ['role=anon'],
    });
    const member = await superuser.query(
      `select b.rolname::text from pg_auth_members m join pg_roles r on r.oid = m.member join pg_roles b on b.oid = m.roleid where r.rolname = $1 order by 1`,
      [appRole.name],
    );
    expect(member.rows.map((r) => r.rolname)).toEqual(['anon', 'authenticated']);
  });

  it('refuses, with its reason, to leave a role it cannot strip of BYPASSRLS as the app role', async () => {
    const risky = { name: `risky_${suffix}`, password: appRole.password };
    await superuser.query(`create role ${risky.name} login bypassrls`);
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/create-app-role.ts'], {
        cwd: repoRoot,
        env: { ...process.env, ADMIN_DATABASE_URL: urlAs(operator), APP_DB_PASSWORD: risky.password, APP_DB_ROLE: risky.name },
      }).catch((error: { stdout: string; stderr: string }) => error);
      expect(`${stdout}${stderr}`).toContain('only a superuser can take that away');
      expect((await superuser.query(`select rolbypassrls from pg_roles where rolname = $1`, [risky.name])).rows[0].rolbypassrls).toBe(true);
    } finally {
      await superuser.query(`drop role ${risky.name}`);
    }
  });

  it('the app role logs in as anon and sees nothing outside a user transaction', async () => {
    const app = new pg.Client(urlAs(appRole));
    await app.connect();
    try {
      expect((await app.query(`select session_user::text as login, current_user::text as role`)).rows[0]).toEqual({
        login: appRole.name,
        role: 'anon',
      });
      expect((await app.query(`select * from public.workspaces`)).rows).toEqual([]);
      await expect(app.query(`select email from auth.users`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
  });

  it('withUserTransaction on the app role: each user sees their own workspace only', async () => {
    const user = async () => {
      const id = randomUUID();
      await superuser.query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '', now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
        [id, `roll-${id.slice(0, 8)}@example.test`],
      );
      const sessionId = randomUUID();
      await superuser.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [
        sessionId,
        id,
      ]);
      await superuser.query(
        `update public.workspaces set name = $2 where id in (select workspace_id from public.workspace_members where user_id = $1)`,
        [id, `Firma ${id}`],
      );
      const claims = asVerifiedClaims({
        sub: id,
        role: 'authenticated',
        aud: 'authenticated',
        session_id: sessionId,
        iss: 'test',
        exp: 0,
        iat: 0,
      } as never);
      return { id, claims: claims as VerifiedClaims };
    };
    const [a, b] = [await user(), await user()];
    const pool = new pg.Pool({ connectionString: urlAs(appRole), max: 2 });
    try {
      const names = (claims: VerifiedClaims) =>
        withUserTransaction(claims, async (tx) => (await tx.query(`select name from public.workspaces`)).rows, { pool });
      expect(await names(a.claims)).toEqual([{ name: `Firma ${a.id}` }]);
      expect(await names(b.claims)).toEqual([{ name: `Firma ${b.id}` }]);
      // The other tenant's row cannot be written either.
      const changed = await withUserTransaction(
        a.claims,
        async (tx) => (await tx.query(`update public.workspaces set name = 'kapad' where name = $1`, [`Firma ${b.id}`])).rowCount,
        { pool },
      );
      expect(changed).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
