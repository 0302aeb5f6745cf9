// Issue 15's load goal: the production build (`next start`, as `npm start` runs it) with 20
// signed-in users at once on the dashboard, the invoice list and the week grid (autocannon, one
// connection per user), side by side with a static file from the same server; once on the
// embedded default and once with the app's data on PostgreSQL 15 as the app role (Auth and
// Storage stay the stand-in's: the consultant and the 20 sessions are copied into PostgreSQL 15,
// so the live-session check finds them there).
// The users are 20 sessions of one consultant with a year of history: seeding twenty accounts
// through the embedded database takes minutes each, and each session does a user's full work.
// Prints p50/p95 latency and throughput per route and each page's ratio to the static file.
import { createServerClient } from '@supabase/ssr';
import autocannon from 'autocannon';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startTestApp } from '../tests/support/app';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { repoRoot } from '../tests/support/paths';
import { emit, round, seedDemo } from './support';

const USERS = 20;
const SECONDS = 15;

/** The session cookie header @supabase/ssr writes for a signed-in user, as a browser would send it. */
async function sessionCookie(apiUrl: string, anonKey: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const client = createServerClient(apiUrl, anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in of ${email} failed: ${error.message}`);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function staticAsset(): string {
  const dir = path.join(repoRoot, '.next/static');
  const css = readdirSync(dir, { recursive: true })
    .map(String)
    .find((f) => f.endsWith('.css'));
  if (!css) throw new Error('no built CSS file under .next/static');
  return `/_next/static/${css}`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function load(url: string, cookies: string[]) {
  let next = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: cookies.length,
        duration: SECONDS,
        timeout: 60,
        // One user per connection: the context lives as long as its connection.
        requests: [
          {
            setupRequest: (request, context) => {
              const user = ((context as { user?: number }).user ??= next++ % cookies.length);
              return { ...request, headers: { ...request.headers, cookie: cookies[user] } };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} of ${result.requests.total} requests failed (non-2xx ${result.non2xx})`);
  times.sort((a, b) => a - b);
  return {
    p50: round(percentile(times, 50), 1),
    p95: round(percentile(times, 95), 1),
    rps: result.requests.average,
    total: result.requests.total,
  };
}

/** Copies rows of auth tables for one user from one database to another (as superuser). */
async function copyAuthRows(
  fromUrl: string,
  toUrl: string,
  table: 'users' | 'identities' | 'sessions',
  column: 'id' | 'user_id',
  userId: string,
) {
  const [from, to] = [new pg.Client(fromUrl), new pg.Client(toUrl)];
  await Promise.all([from.connect(), to.connect()]);
  try {
    const { rows } = await from.query(`select coalesce(json_agg(t), '[]') as rows from auth.${table} t where ${column} = $1`, [userId]);
    // Generated columns (auth.users.confirmed_at, as GoTrue has it) take no value of their own.
    const { rows: writable } = await to.query<{ list: string }>(
      `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as list
         from information_schema.columns where table_schema = 'auth' and table_name = $1 and is_generated = 'NEVER'`,
      [table],
    );
    const columns = writable[0].list;
    await to.query(
      `insert into auth.${table} (${columns}) select ${columns} from json_populate_recordset(null::auth.${table}, $1) on conflict do nothing`,
      [JSON.stringify(rows[0].rows)],
    );
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}

async function measureTarget(target: 'embedded' | 'pg15') {
  const pg15 = target === 'pg15' ? await preparePg15Template() : null;
  const copy = pg15 ? await createPg15Copy(pg15.adminUrl, pg15.template) : null;
  const app = await startTestApp({ databaseUrl: copy?.appUrl });
  try {
    const account = await seedDemo(copy?.adminUrl ?? app.standIn.dbUrl, 1, 'last@konsultverkstad.test');
    let userId = '';
    if (copy) {
      const admin = new pg.Client(copy.adminUrl);
      await admin.connect();
      userId = (await admin.query(`select id from auth.users where email = $1`, [account.email])).rows[0].id;
      await admin.end();
      await copyAuthRows(copy.adminUrl, app.standIn.dbUrl, 'users', 'id', userId);
      await copyAuthRows(copy.adminUrl, app.standIn.dbUrl, 'identities', 'user_id', userId);
    }
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++)
      cookies.push(await sessionCookie(app.standIn.apiUrl, app.standIn.anonKey, account.email, account.password));
    if (copy) await copyAuthRows(app.standIn.dbUrl, copy.adminUrl, 'sessions', 'user_id', userId);
    emit({ bench: 'load_dataset', target, sessions: USERS, entries: account.entries, invoices_sent: account.invoicesSent });

    const routes = { static_file: staticAsset(), dashboard: '/', invoice_list: '/fakturor', week_grid: '/tid' };
    // Warm every route (server code loaded, plan caches) before measuring.
    for (const route of Object.values(routes)) {
      const res = await fetch(app.appUrl + route, { headers: { cookie: cookies[0] }, redirect: 'manual' });
      if (res.status !== 200) throw new Error(`${route} answered ${res.status} when warming up`);
    }
    const measured: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const [name, route] of Object.entries(routes)) measured[name] = await load(app.appUrl + route, cookies);
    const base = measured.static_file;
    for (const [name, m] of Object.entries(measured)) {
      emit({
        bench: 'load_20_users',
        target,
        route: name,
        p50_ms: m.p50,
        p95_ms: m.p95,
        requests_per_s: round(m.rps, 1),
        requests: m.total,
        ...(name === 'static_file'
          ? {}
          : { p50_vs_static: round(m.p50 / Math.max(base.p50, 1), 1), rps_vs_static: round(m.rps / base.rps) }),
      });
    }
  } finally {
    await app.stop();
    await copy?.stop();
  }
}

try {
  await measureTarget('embedded');
  await measureTarget('pg15');
} finally {
  await stopPg15();
}
