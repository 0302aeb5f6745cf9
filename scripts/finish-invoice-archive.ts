// `npx tsx scripts/finish-invoice-archive.ts`: finishes every sent invoice whose PDF was never
// archived (a send interrupted after its database step), in every workspace, acting in the
// database as each workspace's owner. The app does the same on the invoice list and page; this is
// for the operator after an outage. Targets ADMIN_DATABASE_URL + NEXT_PUBLIC_SUPABASE_URL +
// SUPABASE_SERVICE_ROLE_KEY, else the running embedded stand-in.
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { JWT_ISSUER_PATH, loadOrCreateKeys } from '../embedded/keys';
import { local, readStatus } from '../embedded/local';
import { storageArchive } from '../lib/invoices/archive';
import { finishPendingArchives, type RunAsUser } from '../lib/invoices/send';
import { actAsUser } from '../lib/db/transaction';

const status = readStatus();
const dbUrl = process.env.ADMIN_DATABASE_URL ?? status?.dbUrl;
const apiUrl = process.env.NEXT_PUBLIC_SUPABASE_URL ?? status?.apiUrl;
if (!dbUrl || !apiUrl) {
  console.error('Set ADMIN_DATABASE_URL, NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or start `npm run dev`.');
  process.exit(1);
}
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY ?? (await loadOrCreateKeys(local.dataDir, `${apiUrl}${JWT_ISSUER_PATH}`)).serviceRoleKey;
const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
// supabase-js builds a Realtime client eagerly and Node 20 has no WebSocket; this command never opens one.
class NoWebSocket {
  constructor() {
    throw new Error('Realtime is not used here');
  }
}
const archive = storageArchive(
  createClient(apiUrl, serviceKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: NoWebSocket as never } }),
);

/** One transaction as the owner: the same opening, functions and checks as in the app. */
const asOwner = (userId: string, workspaceId: string): RunAsUser => (fn) => actAsUser(pool, userId, (tx) => fn(tx), { workspaceId });

let failed = 0;
try {
  const { rows } = await pool.query<{ workspace_id: string; user_id: string }>(
    `select distinct i.workspace_id, m.user_id from public.invoices i
       join public.workspace_members m on m.workspace_id = i.workspace_id and m.role = 'owner'
      where i.status <> 'draft' and i.pdf_path is null`,
  );
  for (const row of rows) {
    const result = await finishPendingArchives(asOwner(row.user_id, row.workspace_id), archive);
    failed += result.failed;
    console.log(`workspace ${row.workspace_id}: ${result.finished} archived, ${result.failed} failed`);
  }
  if (rows.length === 0) console.log('Every sent invoice has its archived PDF.');
} finally {
  await pool.end();
}
process.exit(failed ? 1 : 0);
