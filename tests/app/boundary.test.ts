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
    expect(tx).toMatch(/set_config\('request\.jwt\.claims', \$\{client\.escapeLiteral\(JSON\.stringify\(claims\)\)\}, true\)/);
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

  it('scripts and the test harness become a user only through actAsUser (the copies left are listed)', () => {
    const become = /set_config\('role', 'authenticated'/;
    const elsewhere = ['scripts', 'tests', 'bench', 'embedded']
      .flatMap(walk)
      .filter((rel) => become.test(readFileSync(path.join(repoRoot, rel), 'utf8')));
    // These control a transaction by hand on purpose: concurrent sends/payments held open at a
    // barrier, app.workspace_id or session_replication_role changed mid-transaction, a browser
    // test's own SQL check, or the app's opening statement as text (the wire guard's test and bench).
    expect(elsewhere.sort()).toEqual([
      'bench/wire-guard.ts',
      'tests/db/access.test.ts',
      'tests/db/accountant-invitations.test.ts',
      'tests/db/accountant-visibility.test.ts',
      'tests/db/credit-notes.test.ts',
      'tests/db/invoice-printable.test.ts',
      'tests/db/invoicing-dates.test.ts',
      'tests/db/invoicing-hours.test.ts',
      'tests/db/invoicing.test.ts',
      'tests/db/payments.test.ts',
      'tests/e2e/file-headers.test.ts',
      'tests/e2e/workspace-flow.test.ts',
      'tests/embedded/wire-role-escape.test.ts',
      'tests/exports/document-kinds.test.ts',
    ]);
  });
});
