// `npm run check:data-api`: shows that the project's Data API (PostgREST at /rest/v1) serves none of
// the app's tables or functions to the anon key. The app talks SQL to Postgres as app_server and
// never calls the Data API, so the README has the operator expose no schema; this asks the project
// for every public table and function the migrations create, as anyone holding the anon key could
// (public functions called with arbitrary arguments included), and fails on any answer but a refusal.
// Reads NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY, as the app does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'supabase', 'migrations');

/** The public tables, views and functions the migrations create, by name. */
export function publicApiSurface(dir = migrationsDir): { relations: string[]; functions: string[] } {
  const sql = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const names = (pattern: RegExp) => [...new Set([...sql.matchAll(pattern)].map((m) => m[1]))].sort();
  return {
    relations: names(/create\s+(?:or\s+replace\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?public\.([a-z0-9_]+)/gi),
    functions: names(/create\s+(?:or\s+replace\s+)?function\s+public\.([a-z0-9_]+)\s*\(/gi),
  };
}

export interface Probe {
  what: string;
  status: number;
  code: string | null;
  /** A 2xx: the Data API served it. */
  served: boolean;
}

async function probe(what: string, url: string, init: RequestInit): Promise<Probe> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const text = await res.text();
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code?.toString() ?? null;
  } catch {
    // Not JSON (a gateway's 404 page): the status says enough.
  }
  return { what, status: res.status, code, served: res.ok };
}

/** Asks the Data API for the root, every public relation and every public function (with a made-up argument). */
export async function checkDataApi(supabaseUrl: string, anonKey: string, surface = publicApiSurface()): Promise<Probe[]> {
  const base = `${supabaseUrl.replace(/\/$/, '')}/rest/v1`;
  const headers = { apikey: anonKey, authorization: `Bearer ${anonKey}`, 'accept-profile': 'public', 'content-profile': 'public' };
  const probes = [probe('GET /rest/v1/ (the schema description)', `${base}/`, { headers })];
  for (const name of surface.relations) probes.push(probe(`GET ${name}`, `${base}/${name}?select=*&limit=1`, { headers }));
  for (const name of surface.functions) {
    probes.push(
      probe(`POST rpc/${name}`, `${base}/rpc/${name}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'someone-else@example.test' }),
      }),
    );
  }
  return Promise.all(probes);
}

async function main() {
  const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!url || !anonKey) {
    console.error('Set NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY to the project the app uses.');
    process.exit(2);
  }
  const probes = await checkDataApi(url, anonKey);
  const served = probes.filter((p) => p.served);
  for (const p of probes) console.log(`${p.served ? 'SERVED ' : 'refused'}  ${p.status} ${p.code ?? ''}  ${p.what}`);
  if (served.length > 0) {
    console.error(
      `\nThe Data API serves ${served.length} of ${probes.length} requests made with the anon key. ` +
        'Turn the Data API off, or expose no schema (Project Settings → Data API → Exposed schemas: none); see README.md.',
    );
    process.exit(1);
  }
  console.log(`\nThe Data API refused all ${probes.length} requests: it exposes none of the app's tables or functions.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
