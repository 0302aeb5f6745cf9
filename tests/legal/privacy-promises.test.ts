// The privacy notice's promises, each tied to the code that keeps it and the test that proves it.
// A row fails when the text changes without the code (or the other way round): the phrase must be
// in the notice in both languages, the named code must exist and hold the promised value, and the
// named test must exist and exercise that code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECOVERY_TOKEN_HOURS } from '../../embedded/auth';
import { sessionCookieOptions } from '../../lib/supabase/cookies';
import { sentryOptions } from '../../lib/observability/sentry-options';
import { EXPORT_FORMAT, EXPORTED_BUCKETS } from '../../lib/privacy/export';
import { RATE_LIMITS } from '../../lib/security/rate-limit';
import { contentSecurityPolicy } from '../../lib/security/csp';
import { repoRoot } from '../support/paths';

const read = (rel: string) => readFileSync(path.join(repoRoot, rel), 'utf8');
const flat = (text: string) => text.replace(/\s+/g, ' ');
const notice = { sv: flat(read('legal/privacy.sv.md')), en: flat(read('legal/privacy.en.md')) };
const migrationsDir = path.join(repoRoot, 'supabase/migrations');
const sql = readdirSync(migrationsDir).sort().map((f) => read(`supabase/migrations/${f}`)).join('\n');

/** The last definition of a SQL function in the migrations (later ones replace earlier ones). */
function sqlFunction(name: string): string {
  const pattern = new RegExp(`create (or replace )?function ${name.replace('.', '\\.')}\\(`, 'g');
  let last = -1;
  for (let m = pattern.exec(sql); m; m = pattern.exec(sql)) last = m.index;
  if (last < 0) throw new Error(`${name} is not defined in supabase/migrations`);
  const end = sql.indexOf('\n$$;', last);
  return sql.slice(last, end);
}

interface Promise_ {
  promise: string;
  sv: string;
  en: string;
  /** Files holding the code that keeps the promise. */
  keptBy: string[];
  /** Tests that prove it, and a name each must mention. */
  provenBy: [file: string, mentions: string][];
  check: () => void;
}

const PROMISES: Promise_[] = [
  {
    promise: 'deleted accounts wait 30 days, restorable, sign-in only restores',
    sv: 'ligger kvar i 30 dagar så att du kan ångra dig: under den tiden kan du logga in, men bara för att återställa kontot',
    en: 'kept for 30 days so you can change your mind: during that time you can sign in, but only to restore the account',
    keptBy: ['supabase/migrations/20261123130000_account_tombstones.sql', 'supabase/migrations/20261123170000_membership_lookups_once.sql', 'supabase/migrations/20261203160000_open_request.sql', 'app/(auth)/restore/page.tsx', 'app/(app)/layout.tsx'],
    provenBy: [['tests/db/privacy-deletion.test.ts', 'restore_account'], ['tests/e2e/privacy-flow.test.ts', '/restore']],
    check: () => {
      expect(sqlFunction('private.tombstone_days')).toMatch(/select 30\b/);
      expect(sqlFunction('private.member_workspace_ids')).toContain('private.account_deletions');
      expect(sqlFunction('private.open_request')).toContain('private.account_deletions');
      for (const helper of ['member_workspaces', 'my_workspaces', 'my_owned_workspaces', 'my_accountant_workspaces', 'owned_workspace_ids', 'accountant_workspace_ids']) {
        expect(sqlFunction(`private.${helper}`)).toContain('private.member_workspace_ids(');
      }
    },
  },
  {
    promise: 'the purge removes account, email, mind-map, client details, unbilled time, files, logo; anonymises the log',
    sv: 'ditt konto och din e-postadress, tankekarta, anteckningar, kunduppgifter, ofakturerad tid, filer och logotyp försvinner, och aktivitetsloggen avidentifieras',
    en: 'your account and email address, the mind-map, notes, client details, unbilled time, files and logo are deleted, and the activity log is anonymised',
    keptBy: ['supabase/migrations/20261123130100_retention.sql'],
    provenBy: [['tests/db/privacy-deletion.test.ts', 'purges at day 30']],
    check: () => {
      const purge = sqlFunction('private.purge_account');
      for (const part of ['delete from auth.users', "bucket_id in ('documents', 'logos')", 'invoice_line_id is null', 'private.anonymise_audit(ws', 'private.kept_after_purge()']) {
        expect(purge).toContain(part);
      }
      expect(sqlFunction('private.kept_after_purge')).not.toMatch(/client_details|business_profiles|workspace_members/);
    },
  },
  {
    promise: 'bookkeeping kept through the 7th year after the calendar year the fiscal year ended, then deleted',
    sv: 'sparas till och med utgången av det sjunde året efter det kalenderår då räkenskapsåret de hör till avslutades (bokföringslagen 7 kap. 2 §). Därefter raderas de.',
    en: 'kept until the end of the seventh year after the calendar year in which their fiscal year ended (Bookkeeping Act ch. 7 § 2). Then they are deleted.',
    keptBy: ['supabase/migrations/20261123130100_retention.sql'],
    provenBy: [['tests/db/privacy-retention.test.ts', 'retention_end'], ['tests/db/privacy-deletion.test.ts', 'after 7 years']],
    check: () => {
      expect(sqlFunction('private.retention_end')).toMatch(/\+ 7,\s*12, 31/);
      expect(sqlFunction('private.run_retention')).toContain('private.delete_expired_bookkeeping(at)');
    },
  },
  {
    promise: 'logs anonymised after 24 months, chain still verifiable',
    sv: 'avidentifieras efter 24 månader: vem och vad tas bort, bara kontrollsummorna som visar att loggen är obruten finns kvar',
    en: 'anonymised after 24 months: who and what are removed, only the checksums that show the log is unbroken remain',
    keptBy: ['supabase/migrations/20261123130100_retention.sql'],
    provenBy: [['tests/db/privacy-retention.test.ts', 'verify_audit_chain']],
    check: () => {
      const job = sqlFunction('private.run_retention');
      expect(job).toContain("private.anonymise_audit_log(at - interval '24 months')");
      expect(job).toContain("e.created_at < at - interval '24 months'");
      expect(sqlFunction('private.anonymise_audit')).toMatch(/actor_id = null, actor_role = null, old_values = null, new_values = null/);
    },
  },
  {
    promise: 'email links valid 24 hours, single use',
    sv: 'gäller i 24 timmar och kan bara användas en gång',
    en: 'valid for 24 hours and work once',
    keptBy: ['embedded/auth/recovery.ts', 'supabase/migrations/20261123130100_retention.sql'],
    provenBy: [['tests/embedded/auth-recovery.test.ts', 'verifyOtp'], ['tests/db/privacy-retention.test.ts', 'one_time_tokens']],
    check: () => {
      expect(RECOVERY_TOKEN_HOURS).toBe(24);
      expect(sqlFunction('private.run_retention')).toContain("(at - interval '24 hours')");
    },
  },
  {
    promise: 'a daily clean-up job',
    sv: 'Ett rensningsjobb körs varje dag och gör detta automatiskt.',
    en: 'A clean-up job runs every day and does this automatically.',
    keptBy: ['supabase/migrations/20261123130100_retention.sql', 'supabase/migrations/20261202110000_job_queue.sql', 'lib/jobs/runner.ts', 'embedded/jobs.ts', 'scripts/jobs.ts'],
    provenBy: [['tests/db/privacy-retention.test.ts', 'run_retention'], ['tests/db/jobs-queue.test.ts', 'retention per day'], ['tests/scripts/privacy-retention-command.test.ts', 'scripts/jobs.ts']],
    check: () => {
      expect(sql).toMatch(/cron\.schedule\('konsultverkstad-retention', '17 3 \* \* \*', 'select private\.run_retention\(\)'\)/);
      expect(sql).toMatch(/values \('retention', private\.stockholm_today\(at\)::text, at\)/);
      expect(read('embedded/stand-in.ts')).toContain('startStandInJobs(');
    },
  },
  {
    promise: 'export as machine-readable JSON with files in a ZIP, self-describing',
    sv: 'som en maskinläsbar JSON-fil, med dina filer i en ZIP. Filen beskriver själv sitt format.',
    en: 'as machine-readable JSON, with your files in a ZIP. The file describes its own format.',
    keptBy: ['lib/privacy/export.ts', 'lib/privacy/export-zip.ts', 'app/(app)/profil/data/export/route.ts'],
    provenBy: [['tests/db/privacy-export.test.ts', 'buildExport'], ['tests/e2e/privacy-flow.test.ts', 'data.json']],
    check: () => {
      expect(EXPORT_FORMAT).toMatch(/^konsultverkstad-export\/\d+$/);
      expect([...EXPORTED_BUCKETS].sort()).toEqual(['documents', 'invoice-archive', 'logos']);
    },
  },
  {
    promise: 'deletion confirmed by password',
    sv: 'efter att ha bekräftat med ditt lösenord',
    en: 'after confirming with your password',
    keptBy: ['lib/privacy/actions.ts', 'lib/privacy/account.ts'],
    provenBy: [['tests/e2e/privacy-flow.test.ts', 'Fel lösenord']],
    check: () => {
      expect(read('lib/privacy/actions.ts')).toMatch(/passwordMatches\(claims\.email, password\)\)\)[\s\S]*requestDeletion\(/);
    },
  },
  {
    promise: 'security log shown in Profil, with failed sign-ins',
    sv: 'Du ser din säkerhetslogg under Profil → Säkerhet.',
    en: 'You see your security log under Profile → Security.',
    keptBy: ['supabase/migrations/20261123130000_account_tombstones.sql', 'app/(app)/profil/sakerhet/page.tsx', 'lib/security/failed-sign-ins.ts'],
    provenBy: [['tests/e2e/privacy-flow.test.ts', 'Misslyckad inloggning'], ['tests/db/privacy-security-log.test.ts', 'record_failed_sign_in']],
    check: () => {
      expect(sqlFunction('private.my_security_log')).toContain('auth.audit_log_entries');
      // Failures are recorded by the app, so hosted Auth (which keeps them to itself) shows them too.
      expect(read('lib/auth/actions.ts')).toContain('await limitedPasswordAttempt(email');
      expect(read('lib/privacy/account.ts')).toContain('return limitedPasswordAttempt(email');
      expect(read('lib/security/failed-sign-ins.ts')).toContain('private.record_failed_sign_in');
    },
  },
  {
    promise: 'sign-in attempts limited',
    sv: 'begränsning av inloggningsförsök',
    en: 'limits on sign-in attempts',
    keptBy: ['lib/security/rate-limit.ts', 'supabase/migrations/20261201160000_shared_rate_limits.sql', 'lib/auth/actions.ts', 'lib/auth/sign-up.ts', 'embedded/auth/rate-limit.ts'],
    provenBy: [['tests/e2e/privacy-flow.test.ts', 'För många försök'], ['tests/db/security-rate-limits.test.ts', 'limitedPasswordAttempt']],
    check: () => {
      expect(RATE_LIMITS.signInFailuresPerAddressAndAccount.max).toBeLessThanOrEqual(10);
      // Every sign-up (the page's and an invitation's) goes through the one limited path.
      expect(read('lib/auth/sign-up.ts')).toMatch(/enforce\(\[\s*\[\s*'signUpPerAccount'/);
      for (const file of ['lib/auth/actions.ts', 'lib/accountant/actions.ts']) {
        expect(read(file)).toContain('signUpWithAuth(');
        expect(read(file)).not.toContain('auth.signUp(');
      }
      expect(read('lib/auth/actions.ts')).toMatch(/enforce\(\[\s*\[\s*'resetPerAccount'/);
    },
  },
  {
    promise: 'only essential sb- cookies, HttpOnly, Secure, SameSite=Lax',
    sv: 'Vi använder bara nödvändiga kakor: inloggningskakorna från Supabase (namn som börjar med `sb-`). De är HttpOnly, Secure och SameSite=Lax.',
    en: "We use only essential cookies: Supabase's sign-in cookies (names starting with `sb-`), HttpOnly, Secure and SameSite=Lax.",
    keptBy: ['lib/supabase/cookies.ts'],
    provenBy: [['tests/e2e/privacy-headers.test.ts', 'getSetCookie']],
    check: () => {
      expect(sessionCookieOptions).toMatchObject({ httpOnly: true, sameSite: 'lax' });
      expect(read('lib/supabase/cookies.ts')).toContain("secure: process.env.NODE_ENV === 'production'");
    },
  },
  {
    promise: 'error reports without personal data',
    sv: 'utan personuppgifter: inga formulärdata, kakor, inloggningsuppgifter eller e-postadresser',
    en: 'without personal data: no form data, cookies, credentials or email addresses',
    keptBy: ['lib/observability/sentry-options.ts', 'lib/observability/scrub.ts'],
    provenBy: [['tests/unit/sentry-envelopes.test.ts', 'envelope'], ['tests/unit/scrub.test.ts', 'scrub']],
    check: () => {
      expect(sentryOptions('https://k@o.ingest.sentry.io/1').sendDefaultPii).toBe(false);
    },
  },
  {
    promise: 'AI import sends text to Anthropic only after confirmation, not for training',
    sv: 'skickas dokumentets text till Anthropic för just den förfrågan; texten används inte för att träna modeller. Inget skickas utan att du bekräftar det.',
    en: 'the document text is sent to Anthropic for that one request and is not used to train models. Nothing is sent without your confirmation.',
    keptBy: ['legal/subprocessors.sv.md'],
    provenBy: [],
    check: () => {
      // Anthropic is the only AI subprocessor the code can reach, and it is listed.
      const deps = Object.keys((JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies);
      expect(deps.filter((d) => /anthropic|openai|mistral|cohere|google\/generative/.test(d))).toEqual(['@anthropic-ai/sdk']);
      expect(read('legal/subprocessors.sv.md')).toContain('Anthropic PBC');
    },
  },
];

describe('privacy notice promises, each backed by code and a test', () => {
  for (const p of PROMISES) {
    it(p.promise, () => {
      expect(notice.sv, 'Swedish notice').toContain(flat(p.sv));
      expect(notice.en, 'English notice').toContain(flat(p.en));
      for (const file of p.keptBy) expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
      for (const [file, mention] of p.provenBy) {
        expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
        expect(read(file), `${file} mentions ${mention}`).toContain(mention);
      }
      p.check();
    });
  }

  it('names exactly the third parties the code talks to on the subprocessors page', () => {
    const deps = Object.keys((JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies);
    const thirdParty: Record<string, string> = { '@supabase/supabase-js': 'Supabase Inc.', '@sentry/nextjs': 'Sentry', '@anthropic-ai/sdk': 'Anthropic PBC' };
    const analytics = deps.filter((d) => /analytics|posthog|mixpanel|segment|hotjar|gtag|intercom|stripe/.test(d));
    expect(analytics).toEqual([]);
    for (const [dep, name] of Object.entries(thirdParty)) {
      expect(deps, dep).toContain(dep);
      for (const locale of ['sv', 'en']) expect(read(`legal/subprocessors.${locale}.md`)).toContain(name);
    }
  });

  it('the security page’s two-factor promise is kept where every policy reads its workspaces', () => {
    const page = { sv: flat(read('legal/security.sv.md')), en: flat(read('legal/security.en.md')) };
    expect(page.sv).toContain('databasen visar och ändrar ingenting för en session som bara har angett lösenordet');
    expect(page.en).toContain('the database shows and changes nothing for a session that gave only the password');
    expect(sqlFunction('private.member_workspace_ids')).toContain('not private.second_factor_satisfied()');
    expect(sqlFunction('private.member_workspace_ids')).toContain('w.accountants_need_second_factor');
    expect(sqlFunction('private.open_request')).toContain('second_factor_due := not private.second_factor_satisfied()');
    expect(sqlFunction('private.refuse_without_second_factor')).toContain('private.second_factor_satisfied()');
    expect(read('tests/db/second-factor.test.ts')).toContain('sees nothing at aal1');
    expect(read('tests/e2e/two-factor-flow.test.ts')).toContain('the code → the data');
  });

  it('the security page’s browser protections are what the app sends', () => {
    const csp = contentSecurityPolicy('abc', { dev: false });
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'nonce-abc'");
    expect(csp).not.toContain('unsafe-eval');
    const config = read('next.config.ts');
    for (const header of ['Strict-Transport-Security', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) expect(config).toContain(header);
    expect(config).toContain('poweredByHeader: false');
  });
});
