// Static checks on the trust boundary: request code reaches Postgres only through
// lib/db/transaction.ts, and no code in the app names a service-role key.
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
    expect(offenders((f) => f.rel !== 'lib/db/pool.ts' && /new\s+(pg\.)?(Pool|Client)\s*\(/.test(f.text) && importsModule(f.text, /^pg$/))).toEqual([]);
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
});
