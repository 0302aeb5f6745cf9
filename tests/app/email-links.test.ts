// Finding 9 of the security review: an invitation sent with `X-Forwarded-Host: evil.example` linked
// to evil.example. Every email the app sends or has Auth send (the invitation, the invoice, the
// password reset and sign-up confirmations, whose links Auth builds from the app's redirect_to) is
// triggered here from a request with a forged Host and X-Forwarded-Host; every link in the mail,
// and every redirect_to the app hands Auth, is on the configured SITE_URL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD } from '../exports/archive-harness';
import { SITE_URL, startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';
import { repoRoot } from '../support/paths';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

// A local spelling the stand-in's Auth would accept as a redirect (it reaches only this machine),
// and a foreign host: neither may appear in a link.
const FORGED = [
  { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
  { host: 'localhost:4444', 'x-forwarded-host': 'localhost:4444', 'x-forwarded-proto': 'http' },
];

/** The files that send mail or ask Auth to; each is exercised below. */
const MAILING_FILES = [
  'lib/accountant/invitation-email.ts',
  'lib/auth/actions.ts',
  'lib/auth/security-actions.ts',
  'lib/auth/sign-up.ts',
  'lib/collections/reminders.ts',
  'lib/email/send.ts',
  'lib/invoices/email.ts',
];

let world: AppWorld;
const authRedirects: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  world = await startAppWorld();
  // Every redirect_to the app sends to the Auth API.
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const redirect = url.searchParams.get('redirect_to');
    if (url.pathname.startsWith('/auth/v1/') && redirect) authRedirects.push(redirect);
    return realFetch(input, init);
  }) as typeof fetch;
}, 240_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await world?.stop();
});

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

async function act(browser: SimulatedBrowser, file: string, name: string, fields: Record<string, string>) {
  const mod = (await import(`@/${file}`)) as Record<string, (s: unknown, f: FormData) => Promise<unknown>>;
  return asRequest(browser, async () => {
    try {
      return await mod[name]({ ok: false, fieldErrors: {}, values: {} }, form(fields));
    } catch (error) {
      if (redirectTarget(error)) return { redirect: redirectTarget(error) };
      throw error;
    }
  });
}

const onSite = (link: string) => new URL(link).origin === SITE_URL;

describe('finding 9: links in emails come from the configured site URL', () => {
  it('lists every file that sends mail or asks Auth to', () => {
    const walk = (rel: string): string[] =>
      readdirSync(path.join(repoRoot, rel)).flatMap((n) => {
        const child = path.posix.join(rel, n);
        return statSync(path.join(repoRoot, child)).isDirectory() ? walk(child) : [child];
      });
    const mailing = walk('lib').filter(
      (f) =>
        /\.tsx?$/.test(f) &&
        /\bsendEmail\(|resetPasswordForEmail\(|auth\.signUp\(|\.auth\.updateUser\(\{\s*email|signInWithOtp\(/.test(
          readFileSync(path.join(repoRoot, f), 'utf8'),
        ),
    );
    expect(mailing.sort()).toEqual(MAILING_FILES);
  });

  for (const forged of FORGED) {
    it(`with Host ${forged.host}: invitation, invoice, reset and sign-up links stay on SITE_URL`, async () => {
      const since = world.h.standIn.outbox.list().length;
      authRedirects.length = 0;
      const owner = await world.signedIn(world.owner, forged);
      const invitee = `inbjuden-${randomUUID().slice(0, 8)}@example.test`;
      expect(await act(owner, 'lib/accountant/actions', 'inviteAccountant', { email: invitee })).toMatchObject({ ok: true });
      expect(
        await act(owner, 'lib/invoices/actions', 'emailInvoice', { invoiceId: world.ids.sentInvoiceId, to: 'kund@example.test' }),
      ).toMatchObject({ ok: true });

      const visitor = new SimulatedBrowser(SITE_URL, forged);
      expect(await act(visitor, 'lib/auth/actions', 'requestPasswordReset', { email: world.owner.email })).toMatchObject({ ok: true });
      const newcomers = [`ny-${randomUUID().slice(0, 8)}@example.test`, `ny-${randomUUID().slice(0, 8)}@example.test`];
      await act(visitor, 'lib/auth/actions', 'signUp', { email: newcomers[0], password: PASSWORD, businessName: 'Ny' });
      await act(new SimulatedBrowser(SITE_URL, forged), 'lib/accountant/actions', 'signUpForInvitation', {
        email: newcomers[1],
        password: PASSWORD,
        token: world.ids.invitationToken,
      });

      const mails = world.h.standIn.outbox.list().slice(since);
      expect(mails.map((m) => m.to).sort()).toEqual([invitee, 'kund@example.test', world.owner.email, ...newcomers].sort());
      const invitation = mails.find((m) => m.to === invitee)!;
      expect(invitation.links).toHaveLength(1);
      expect(invitation.links[0]).toMatch(new RegExp(`^${SITE_URL}/invite\\?token=`));
      for (const mail of mails) {
        const inText = mail.text.match(/https?:\/\/[^\s)>\]]+/g) ?? [];
        for (const link of [...mail.links, ...inText]) {
          const url = new URL(link);
          // Auth's own verify link goes to the Auth API and on to redirect_to: that must be ours.
          if (url.origin === new URL(world.h.standIn.apiUrl).origin) expect(onSite(url.searchParams.get('redirect_to')!), link).toBe(true);
          else expect(onSite(link), `${mail.subject}: ${link}`).toBe(true);
        }
      }
      expect(authRedirects.length).toBeGreaterThanOrEqual(3);
      for (const redirect of authRedirects) expect(onSite(redirect), redirect).toBe(true);
    });
  }
});
