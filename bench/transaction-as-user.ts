// Cost of the app's one DB entry point (a transaction that sets role and verified claims) versus
// the same query in a plain transaction, on the embedded PGlite and on PostgreSQL 15.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { preparePg15Template, createPg15Copy, stopPg15 } from '../tests/support/pg15';
import { preparePgliteTemplate, startPgliteCopy } from '../tests/support/pglite';
import { emit, sideBySide } from './support';

const QUERY = 'select w.id, w.name from public.workspaces w join public.workspace_members m on m.workspace_id = w.id';

async function measure(target: string, adminUrl: string) {
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const { rows } = await pool.query(
    `insert into auth.users (id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values (gen_random_uuid(), 'authenticated', 'authenticated', 'bench@example.test', '', '{}', '{}', now(), now()) returning id`,
  );
  const claims = JSON.stringify({ sub: rows[0].id, role: 'authenticated', aud: 'authenticated' });
  const asUser = async () => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
      await c.query(QUERY);
      await c.query('commit');
    } finally {
      c.release();
    }
  };
  const plain = async () => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(QUERY);
      await c.query('commit');
    } finally {
      c.release();
    }
  };
  for (let i = 0; i < 50; i++) await asUser(), await plain();
  const r = await sideBySide(15, 40, asUser, plain);
  emit({ bench: 'transaction_as_user_vs_plain', target, as_user_ms: r.aMs, plain_ms: r.bMs, ratio: r.ratio });
  await pool.end();
}

const pgliteTemplate = await preparePgliteTemplate();
const pglite = await startPgliteCopy(pgliteTemplate);
await measure('pglite', pglite.adminUrl);
await pglite.stop();
rmSync(pgliteTemplate, { force: true });

const pg15 = await preparePg15Template();
const pg15Copy = await createPg15Copy(pg15.adminUrl, pg15.template);
await measure('pg15', pg15Copy.adminUrl);
await pg15Copy.stop();
await stopPg15();
