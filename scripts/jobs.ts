// `npm run jobs`: the job runner (lib/jobs) for a hosted project: archive recovery for sends that
// were interrupted before their PDF was archived, and retention (private.run_retention, then the
// due files through the Storage API). Keeps running and looks for due jobs every minute;
// `npm run jobs -- --once` runs what is due now, prints it as JSON and exits (for cron). Any number
// may run at once (each job is claimed by one). Targets ADMIN_DATABASE_URL +
// NEXT_PUBLIC_SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, else the running embedded stand-in (which
// runs the same runner itself).
import os from 'node:os';
import pg from 'pg';
import { jobContext } from '../embedded/jobs';
import { JWT_ISSUER_PATH, loadOrCreateKeys } from '../embedded/keys';
import { local, readStatus } from '../embedded/local';
import { runDueJobs, startJobRunner } from '../lib/jobs/runner';

const status = readStatus();
const dbUrl = process.env.ADMIN_DATABASE_URL ?? status?.dbUrl;
const apiUrl = process.env.NEXT_PUBLIC_SUPABASE_URL ?? status?.apiUrl;
if (!dbUrl || !apiUrl) {
  console.error('Set ADMIN_DATABASE_URL, NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, or start `npm run dev`.');
  process.exit(1);
}
const serviceKey =
  process.env.SUPABASE_SERVICE_ROLE_KEY ?? (await loadOrCreateKeys(local.dataDir, `${apiUrl}${JWT_ISSUER_PATH}`)).serviceRoleKey;
const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
const ctx = jobContext(pool, apiUrl, serviceKey);
const worker = `${os.hostname()}-${process.pid}`;

if (process.argv.includes('--once')) {
  try {
    const report = await runDueJobs(ctx, { worker });
    console.log(JSON.stringify(report));
    process.exitCode = report.failed.length ? 1 : 0;
  } finally {
    await pool.end();
  }
} else {
  const runner = startJobRunner(ctx, { worker, intervalMs: 60_000 });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void runner.stop().then(() => pool.end()));
  }
}
