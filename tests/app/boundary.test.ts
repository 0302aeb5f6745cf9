// Static checks on the trust boundary: request code reaches Postgres only through the request
// context (lib/request, on lib/db/transaction.ts), scripts and tests become a user only through
// lib/db's actAsUser, and no code in the app names a service-role key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

const ROOTS = ['app', 'lib', 'components', 'proxy.ts'];
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function walk(rel: string): string[] {
  const abs = path.join(repoRoot, rel);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    return [];
  }
  if (stat.isFile()) return SOURCE.test(rel) ? [rel] : [];
  return readdirSync(abs).flatMap((name) => (name === 'node_modules' ? [] : walk(path.posix.join(rel, name))));
}

const files = ROOTS.flatMap(walk).map((rel) => ({ rel, text: readFileSync(path.join(repoRoot, rel), 'utf8') }));

/** Value imports (type-only imports are erased and cannot open a connection). */
function importsModule(text: string, module: RegExp): boolean {
  const importRe = /(?:^|[;\n])\s*(import(?!\s+type\b)[^'"`;]*?from\s*|import\s*|export(?!\s+type\b)[^'"`;]*?from\s*)['"]([^'"]+)['"]/g;
  const dynamicRe = /(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(importRe)) if (module.test(m[2])) return true;
  for (const m of text.matchAll(dynamicRe)) if (module.test(m[1])) return true;
  return false;
}

const offenders = (predicate: (f: { rel: string; text: string }) => boolean) => files.filter(predicate).map((f) => f.rel);

describe('trust boundary (static)', () => {
  it('scans the app sources', () => {
    const names = files.map((f) => f.rel);
    expect(names).toContain('lib/db/transaction.ts');
    expect(names).toContain('proxy.ts');
    expect(names.some((n) => n.startsWith('app/'))).toBe(true);
  });

  it('only lib/db/ imports pg, and no other Postgres driver is imported', () => {
    expect(offenders((f) => !f.rel.startsWith('lib/db/') && importsModule(f.text, /^pg(\/|$)/))).toEqual([]);
    expect(offenders((f) => importsModule(f.text, /^(postgres|@electric-sql\/pglite.*|pg-native|@neondatabase\/.*)$/))).toEqual([]);
  });

  it('nothing names a service-role key', () => {
    const patterns = [/SERVICE_ROLE/, /service[_ -]?role[_ -]?key/i, /serviceRoleKey/i, /SUPABASE_SECRET/i];
    expect(offenders((f) => patterns.some((p) => p.test(f.text)))).toEqual([]);
  });

  it('no pool.query / pool.connect outside lib/db/transaction.ts', () => {
    expect(offenders((f) => f.rel !== 'lib/db/transaction.ts' && /\bpool\s*\??\.\s*(query|connect)\s*\(/i.test(f.text))).toEqual([]);
  });

  it('pools are created only in lib/db/pool.ts and handed out only to lib/db/', () => {
    expect(
      offenders((f) => f.rel !== 'lib/db/pool.ts' && /new\s+(pg\.)?(Pool|Client)\s*\(/.test(f.text) && importsModule(f.text, /^pg$/)),
    ).toEqual([]);
    expect(offenders((f) => !f.rel.startsWith('lib/db/') && /\bgetPool\s*\(/.test(f.text))).toEqual([]);
    expect(offenders((f) => !f.rel.startsWith('lib/db/') && importsModule(f.text, /(^|\/)lib\/db\/pool$|^\.\/pool$/))).toEqual([]);
  });

  it('the transaction sets role and claims transaction-locally from verified claims', () => {
    const tx = files.find((f) => f.rel === 'lib/db/transaction.ts')!.text;
    expect(tx).toMatch(/set_config\('role', 'authenticated', true\)/);
    expect(tx).toMatch(/set_config\('request\.jwt\.claims', \$\{escapeLiteral\(JSON\.stringify\(claims\)\)\}, true\)/);
    expect(tx).toMatch(/openingText\(claims, options, \(v\) => client\.escapeLiteral\(v\)\)/);
    expect(tx).toMatch(/claims: VerifiedClaims/);
  });

  it('verified claims come from auth.getClaims(), never getSession()', () => {
    expect(offenders((f) => /auth\.getSession\s*\(/.test(f.text))).toEqual([]);
    const claims = files.find((f) => f.rel === 'lib/auth/verified-claims.ts')!.text;
    expect(claims).toMatch(/auth\.getClaims\(\)/);
  });

  it('routes, actions and pages reach the database only through the request context (lib/request)', () => {
    const entryPoints =
      /\b(withUserTransaction|actAsUser|openUserTransaction|endTransaction|connect)\b[^;]*from\s*['"]@\/lib\/db\/transaction['"]|import\s*\{[^}]*\b(withUserTransaction|actAsUser|openUserTransaction|endTransaction|connect)\b[^}]*\}\s*from\s*['"][^'"]*db\/transaction['"]/;
    const outside = (f: { rel: string }) => !f.rel.startsWith('lib/db/') && !f.rel.startsWith('lib/request/');
    expect(offenders((f) => outside(f) && entryPoints.test(f.text))).toEqual([]);
    // ... and the context is what they use: no route handler reads the session itself (it would
    // bypass the declared access), and every API route is built with route().
    const routes = files.filter((f) => f.rel.startsWith('app/') && f.rel.endsWith('/route.ts'));
    expect(routes.filter((f) => /getVerifiedClaims|requireUser/.test(f.text)).map((f) => f.rel)).toEqual([]);
    const api = routes.filter((f) => f.rel.startsWith('app/api/'));
    expect(api.length).toBeGreaterThan(10);
    expect(api.filter((f) => !/\broute(<[^>]*>)?\(/.test(f.text)).map((f) => f.rel)).toEqual([]);
  });

  it('the app never imports the stand-in (embedded/ runs beside it in development only)', () => {
    expect(offenders((f) => importsModule(f.text, /(^|\/)embedded(\/|$)/))).toEqual([]);
  });

  it('scripts, benchmarks and the test harness become a user only through actAsUser', () => {
    // Becoming a user by hand: the role switched to authenticated (set_config or SET ROLE), or the
    // user's claims set without it (acting as the table owner in a user's name).
    const become =
      /set_config\(\s*'role',\s*'authenticated'|\bset\s+(local\s+)?role\s+"?authenticated\b|set_config\(\s*'request\.jwt\.claims',\s*\$1/i;
    const elsewhere = ['scripts', 'tests', 'bench', 'embedded']
      .flatMap(walk)
      .filter((rel) => rel !== 'tests/app/boundary.test.ts')
      .filter((rel) => become.test(readFileSync(path.join(repoRoot, rel), 'utf8')));
    // Left on purpose: the demo seed acts as the superuser in the consultant's name (its history is
    // backdated past the triggers between a send and the payment that follows, in one transaction);
    // the seal's test changes the claims mid-transaction (that a seal then stops counting is what it
    // proves); the login test switches a bare connection's role (the front door, not a user).
    expect(elsewhere.sort()).toEqual(['scripts/seed-demo.ts', 'tests/db/database-login.test.ts', 'tests/db/membership-seal.test.ts']);
  });
});
