// `npx tsx scripts/retention.ts`: runs the retention job once, as the operator, on
// ADMIN_DATABASE_URL (a hosted project's postgres connection string), else on the running
// embedded stand-in, and prints its report as JSON. Safe to run any time: a second run finds
// nothing to do.
//
// On a hosted project, set NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY too: the files of
// accounts due for purge are then removed through the Storage API first, so their bytes leave the
// object store (deleting rows in SQL alone, as pg_cron's run does, leaves the bytes behind). The
// stand-in's own timer sweeps such orphans itself.
import pg from 'pg';
import { readStatus } from '../embedded/local';
import { runRetention } from '../lib/privacy/retention';

const url = process.env.ADMIN_DATABASE_URL ?? readStatus()?.dbUrl;

/** Deletes through Storage's REST API (what storage.from(bucket).remove() sends), as the service role. */
async function removeDueFiles(client: pg.Client): Promise<number> {
  const apiUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (!apiUrl || !serviceKey) return 0;
  const { rows } = await client.query<{ bucket_id: string; name: string }>(`select bucket_id, name from private.storage_objects_due()`);
  for (const bucket of new Set(rows.map((r) => r.bucket_id))) {
    const names = rows.filter((r) => r.bucket_id === bucket).map((r) => r.name);
    for (let i = 0; i < names.length; i += 100) {
      const res = await fetch(`${apiUrl.replace(/\/$/, '')}/storage/v1/object/${encodeURIComponent(bucket)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${serviceKey}`, apikey: serviceKey, 'content-type': 'application/json' },
        body: JSON.stringify({ prefixes: names.slice(i, i + 100) }),
      });
      if (!res.ok) throw new Error(`Removing files from ${bucket} failed: ${res.status} ${await res.text()}`);
    }
  }
  return rows.length;
}

try {
  if (!url) throw new Error('Set ADMIN_DATABASE_URL, or start the embedded stand-in with `npm run dev`.');
  const client = new pg.Client(url);
  await client.connect();
  try {
    const filesRemoved = await removeDueFiles(client);
    console.log(JSON.stringify({ ...(await runRetention(client)), storage_files_removed_via_api: filesRemoved }));
  } finally {
    await client.end();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
