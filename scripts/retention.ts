// `npx tsx scripts/retention.ts`: runs the retention job once, as the operator, on
// ADMIN_DATABASE_URL (a hosted project's postgres connection string), else on the running
// embedded stand-in, and prints its report as JSON. Safe to run any time: a second run finds
// nothing to do.
import pg from 'pg';
import { readStatus } from '../embedded/local';
import { runRetention } from '../lib/privacy/retention';

const url = process.env.ADMIN_DATABASE_URL ?? readStatus()?.dbUrl;

try {
  if (!url) throw new Error('Set ADMIN_DATABASE_URL, or start the embedded stand-in with `npm run dev`.');
  const client = new pg.Client(url);
  await client.connect();
  try {
    console.log(JSON.stringify(await runRetention(client)));
  } finally {
    await client.end();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
