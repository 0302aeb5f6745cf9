// A stand-in with users signed up through the real Auth API, SQL as those users, and sent
// invoices whose PDFs are archived through the real Storage API (any PDF bytes: the renderer is
// the invoicing feature's). Used by the ZIP test and the export benchmark.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { addClient, addDraft, completeProfile } from '../db/fixtures';
import { signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';
import { actAsUser } from '@/lib/db/transaction';

export interface HarnessUser {
  id: string;
  email: string;
  client: SupabaseClient;
}

export interface ArchiveHarness {
  standIn: TestStandIn;
  admin: pg.Pool;
  signUp(email?: string, businessName?: string): Promise<HarnessUser>;
  signIn(email: string, password: string): Promise<HarnessUser>;
  /** fn in one committed transaction as the user (optionally acting in one workspace). */
  asUser<T>(userId: string, fn: (c: pg.PoolClient) => Promise<T>, workspaceId?: string): Promise<T>;
  workspaceOf(userId: string): Promise<string>;
  stop(): Promise<void>;
}

export const PASSWORD = 'ett tillräckligt långt lösenord 1';

export async function startArchiveHarness(): Promise<ArchiveHarness> {
  const standIn = await startTestStandIn();
  const h = archiveHarnessOn(standIn);
  return { ...h, stop: async () => (await h.stop(), await standIn.stop()) };
}

/** The harness on a running stand-in (the browser test's); stop() leaves the stand-in running. */
export function archiveHarnessOn(standIn: TestStandIn): ArchiveHarness {
  const admin = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
  const signIn = async (email: string, password: string) => {
    const client = standIn.client();
    const { data, error } = await client.auth.signInWithPassword({ email, password });
    if (error || !data.user) throw new Error(`sign-in failed: ${error?.message}`);
    return { id: data.user.id, email, client };
  };
  return {
    standIn,
    admin,
    signIn,
    async signUp(email = `u-${randomUUID().slice(0, 8)}@example.test`, businessName = '') {
      const client = standIn.client();
      const { user } = await signUpConfirmed(client, standIn.outbox, {
        email,
        password: PASSWORD,
        options: { data: { business_name: businessName } },
      });
      return { id: user.id, email, client };
    },
    asUser(userId, fn, workspaceId) {
      return actAsUser(admin, userId, (c) => fn(c), { workspaceId, unscoped: !workspaceId });
    },
    async workspaceOf(userId) {
      const { rows } = await admin.query(`select workspace_id from workspace_members where user_id = $1 and role = 'owner'`, [userId]);
      return rows[0].workspace_id;
    },
    async stop() {
      await admin.end();
    },
  };
}

/** A small valid-looking PDF with random content, so every file differs. */
export function fakePdf(size = 2048): Buffer {
  const body = randomBytes(size).toString('base64');
  return Buffer.from(`%PDF-1.4\n% ${body}\n%%EOF\n`);
}

/** Makes the owner's workspace invoice-ready (profile, a client). */
export async function prepareWorkspace(h: ArchiveHarness, owner: HarnessUser) {
  const workspaceId = await h.workspaceOf(owner.id);
  const clientId = await h.asUser(owner.id, async (c) => {
    await completeProfile(c, workspaceId);
    return addClient(c, workspaceId);
  });
  return { workspaceId, clientId };
}

/** Sends an invoice and archives `pdf` for it through Storage; returns its id. */
export async function sendWithArchivedPdf(
  h: ArchiveHarness,
  owner: HarnessUser,
  workspaceId: string,
  clientId: string,
  pdf: Buffer,
  sha256?: string,
) {
  const invoiceId = await h.asUser(owner.id, async (c) => {
    const draft = await addDraft(c, workspaceId, clientId);
    await c.query(`select send_invoice($1)`, [draft.invoiceId]);
    return draft.invoiceId;
  });
  const path = `${workspaceId}/${invoiceId}.pdf`;
  const up = await owner.client.storage.from('invoice-archive').upload(path, pdf, { contentType: 'application/pdf' });
  if (up.error) throw new Error(`upload failed: ${up.error.message}`);
  await h.asUser(owner.id, (c) =>
    c.query(`select record_invoice_pdf($1, $2, $3)`, [invoiceId, path, sha256 ?? createHash('sha256').update(pdf).digest('hex')]),
  );
  return invoiceId;
}

/** Invites `email` as accountant of the owner's workspace and accepts as that user. */
export async function joinAsAccountant(h: ArchiveHarness, owner: HarnessUser, accountant: HarnessUser) {
  const { token } = (await h.asUser(owner.id, (c) => c.query(`select * from create_invitation($1)`, [accountant.email]))).rows[0];
  await h.asUser(accountant.id, (c) => c.query(`select accept_invitation($1)`, [token]));
}
