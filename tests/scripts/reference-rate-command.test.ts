// Issue 19, item 2: late-payment interest needs Riksbanken's reference rate per half-year, and the
// operator records each new one with `npm run interest:reference-rate` (no network lookup). The
// command stores the rate in basis points from the text as typed, replaces a half-year recorded
// before, and refuses a date that does not start a half-year without touching the table.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { repoRoot } from '../support/paths';

const run = promisify(execFile);

async function referenceRate(adminUrl: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/reference-rate.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ADMIN_DATABASE_URL: adminUrl },
    });
    return { ok: true, out: stdout };
  } catch (error) {
    return { ok: false, out: String((error as { stderr?: string }).stderr) };
  }
}

describeEachDatabase('npm run interest:reference-rate', (db) => {
  const rate = async (day: string) =>
    (await db().admin.query('select rate_bp, source from private.reference_rates where valid_from = $1', [day])).rows[0];

  it('records a half-year in basis points, and records it again when corrected', async () => {
    expect((await referenceRate(db().adminUrl, '2026-07-01', '1,75')).ok).toBe(true);
    expect(await rate('2026-07-01')).toEqual({ rate_bp: 175, source: 'Riksbanken, referensränta' });
    expect((await referenceRate(db().adminUrl, '2026-07-01', '-0.25', 'riksbank.se 2026-07-01')).ok).toBe(true);
    expect(await rate('2026-07-01')).toEqual({ rate_bp: -25, source: 'riksbank.se 2026-07-01' });
  });

  it('refuses a date that starts no half-year, and records nothing', async () => {
    const result = await referenceRate(db().adminUrl, '2026-08-01', '2');
    expect(result.ok).toBe(false);
    expect(result.out).toContain('YYYY-01-01 or YYYY-07-01');
    expect(await rate('2026-08-01')).toBeUndefined();
  });
});
