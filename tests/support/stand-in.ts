// Starts a throwaway stand-in (fresh data folder, free ports) for API conformance tests that use
// the real supabase-js client.
import { createClient, type Session, type SupabaseClient, type User } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outbox, OutboxMessage } from '../../lib/email/outbox';
import { startStandIn, type StandIn } from '../../embedded/stand-in';
import { repoRoot } from './paths';
import { freePort } from './ports';

/** Options for a supabase-js client in tests: no stored session. */
export const testClientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

export interface TestStandIn extends StandIn {
  dataDir: string;
  /** A fresh supabase-js client with its own in-memory session. */
  client(): SupabaseClient;
}

/** The job runner stays off unless asked for (`jobs: true`): tests drive jobs themselves. */
export async function startTestStandIn(opts: { seed?: boolean; siteUrl?: string; jobs?: boolean } = {}): Promise<TestStandIn> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-standin-'));
  const standIn = await startStandIn({
    dataDir,
    supabaseDir: path.join(repoRoot, 'supabase'),
    dbPort: await freePort(),
    apiPort: await freePort(),
    siteUrl: opts.siteUrl ?? 'http://localhost:3000',
    seed: opts.seed ?? false,
    jobs: opts.jobs ?? false,
  });
  return {
    ...standIn,
    dataDir,
    client: () => createClient(standIn.apiUrl, standIn.anonKey, testClientOptions),
    async stop() {
      await standIn.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The subject of the stand-in's sign-up confirmation mail (embedded/auth/mails.ts). */
export const CONFIRMATION_SUBJECT = 'Bekräfta din e-postadress';

/** The newest mail to `to` with this subject; throws when none came. */
export function latestMail(outbox: Outbox, to: string, subject: string): OutboxMessage {
  const mail = outbox
    .list(to)
    .filter((m) => m.subject === subject)
    .at(-1);
  if (!mail)
    throw new Error(
      `no mail "${subject}" to ${to}; the outbox holds: ${
        outbox
          .list(to)
          .map((m) => m.subject)
          .join(', ') || 'nothing'
      }`,
    );
  return mail;
}

/** The app's link (/auth/confirm?token_hash=…) in the newest confirmation mail to `email`. */
export const confirmationLink = (outbox: Outbox, email: string) => new URL(latestMail(outbox, email, CONFIRMATION_SUBJECT).links[0]);

/**
 * Signs up through supabase-js and confirms the address with the link the outbox received, as the
 * user opening the mail would (new addresses confirm first, as on hosted projects). The client holds
 * the session afterwards.
 */
export async function signUpConfirmed(
  client: SupabaseClient,
  outbox: Outbox,
  credentials: { email: string; password: string; options?: { data?: Record<string, unknown> } },
): Promise<{ user: User; session: Session }> {
  const signedUp = await client.auth.signUp(credentials);
  if (signedUp.error) throw signedUp.error;
  const tokenHash = confirmationLink(outbox, credentials.email).searchParams.get('token_hash') ?? '';
  const { data, error } = await client.auth.verifyOtp({ type: 'signup', token_hash: tokenHash });
  if (error || !data.user || !data.session) throw error ?? new Error(`confirming ${credentials.email} gave no session`);
  return { user: data.user, session: data.session };
}
