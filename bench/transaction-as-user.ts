// Cost of the app's one DB entry point (withUserTransaction: role and verified claims) versus
// the same query in a plain transaction, on the embedded PGlite and on PostgreSQL 15.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { preparePg15Template, createPg15Copy, stopPg15 } from '../tests/support/pg15';
import { preparePgliteTemplate, startPgliteCopy } from '../tests/support/pglite';
import { withUserTransaction } from '../lib/db/transaction';
import { benchClaims, emit, sideBySide } from './support';

// `select 1` isolates the entry point's own cost; the workspace query adds what RLS costs.
const QUERIES = {
  select_1: 'select 1',
  own_workspace: 'select w.id, w.name from public.workspaces w join public.workspace_members m on m.workspace_id = w.id',
};

async function measure(target: string, adminUrl: string) {
  const pool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const { rows } = await pool.query(
    `insert into auth.users (id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values (gen_random_uuid(), 'authenticated', 'authenticated', 'bench@example.test', '', '{}', '{}', now(), now()) returning id`,
  );
  const claims = await benchClaims(pool, rows[0].id);
  for (const [name, query] of Object.entries(QUERIES)) {
    // The app's own entry point, against the same query in a plain transaction on the same pool.
    const asUser = () => withUserTransaction(claims, (tx) => tx.query(query), { pool });
    const plain = async () => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query(query);
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    for (let i = 0; i < 50; i++) {
      await asUser();
      await plain();
    }
    const r = await sideBySide(15, 40, asUser, plain);
    emit({ bench: 'transaction_as_user_vs_plain', target, query: name, as_user_ms: r.aMs, plain_ms: r.bMs, ratio: r.ratio });
  }
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
