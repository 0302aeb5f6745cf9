// Sending against the real stand-in (database + Storage API through supabase-js as the user):
// a crash between any two steps is finished by the archive job (lib/jobs) without a gap or a second number,
// a double send sends once, and the archived original is handed out only while its hash matches.
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asVerifiedClaims, type VerifiedClaims } from '../../lib/auth/verified-claims';
import { withUserTransaction, type Tx } from '../../lib/db/transaction';
import { storageArchive, type InvoiceArchive } from '../../lib/invoices/archive';
import { readArchivedOriginal } from '../../lib/invoices/download';
import { finishArchive, sendInDatabase, sendInvoice, sha256Hex, type RunAsUser } from '../../lib/invoices/send';
import { runDueJobs } from '../../lib/jobs/runner';
import { jobContext } from '../../embedded/jobs';
import { addClient, addDraft, completeProfile } from '../db/fixtures';
import { repoRoot } from '../support/paths';
import { solidPng } from './sample';
import { signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';

describe('sending an invoice survives a crash between any two steps', () => {
  let standIn: TestStandIn;
  let admin: pg.Pool;
  let appPool: pg.Pool;
  let client: SupabaseClient;
  let claims: VerifiedClaims;
  let workspaceId: string;
  let clientId: string;
  let run: RunAsUser;
  let archive: InvoiceArchive;
  /** The job runner's round (archive recovery among its jobs), as the stand-in and `npm run jobs` run it. */
  let recover: () => Promise<{ finished: number; failed: number }>;

  beforeAll(async () => {
    standIn = await startTestStandIn();
    admin = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
    appPool = new pg.Pool({ connectionString: standIn.appDbUrl, max: 2 });
    client = standIn.client();
    const { user } = await signUpConfirmed(client, standIn.outbox, {
      email: `send-${randomUUID()}@example.test`,
      password: 'ett långt lösenord 123',
    });
    claims = asVerifiedClaims((await client.auth.getClaims()).data?.claims)!;
    workspaceId = (await admin.query(`select workspace_id from workspace_members where user_id = $1`, [user.id])).rows[0].workspace_id;
    const c = await admin.connect();
    try {
      await completeProfile(c, workspaceId);
      clientId = await addClient(c, workspaceId);
    } finally {
      c.release();
    }
    run = (fn) => withUserTransaction(claims, (tx) => fn(tx), { pool: appPool });
    archive = storageArchive(client);
    const jobs = jobContext(admin, standIn.apiUrl, standIn.serviceRoleKey);
    recover = async () => {
      const report = await runDueJobs(jobs, { worker: 'test' });
      const archiving = report.done.filter((d) => d.kind === 'archive_invoice' && (d.result as { archived: boolean }).archived);
      return { finished: archiving.length, failed: report.failed.length };
    };
  }, 120_000);

  afterAll(async () => {
    await admin?.end();
    await appPool?.end();
    await standIn?.stop();
  });

  async function newDraft() {
    const c = await admin.connect();
    try {
      return (await addDraft(c, workspaceId, clientId)).invoiceId;
    } finally {
      c.release();
    }
  }
  const invoice = async (id: string) =>
    (await admin.query(`select status, number::int, pdf_path, pdf_sha256 from invoices where id = $1`, [id])).rows[0];
  const nextNumber = async () =>
    Number(
      (await admin.query(`select coalesce((select next_number from number_series where workspace_id = $1), 1) as n`, [workspaceId])).rows[0]
        .n,
    );
  const stored = async (p: string) => archive.get(p);
  /** A run that dies when it reaches the given call (the process killed between steps). */
  const dyingAt = (call: number): RunAsUser => {
    let calls = 0;
    return (fn) => (++calls === call ? Promise.reject(new Error('killed')) : run(fn));
  };

  it('sends: number, archived PDF at a deterministic path, its SHA-256 recorded', async () => {
    const id = await newDraft();
    const before = await nextNumber();
    const archived = await sendInvoice(run, archive, id);
    const row = await invoice(id);
    expect(row).toMatchObject({ status: 'sent', number: before, pdf_path: `${workspaceId}/invoice-${before}.pdf` });
    expect(archived).toEqual({ path: row.pdf_path, sha256: row.pdf_sha256 });
    expect(sha256Hex((await stored(row.pdf_path))!)).toBe(row.pdf_sha256);
  });

  it('killed inside the database step: nothing sent, no number consumed', async () => {
    const id = await newDraft();
    const before = await nextNumber();
    await expect(
      run(async (tx: Tx) => {
        await tx.query('select send_invoice($1)', [id]);
        throw new Error('killed before commit');
      }),
    ).rejects.toThrow('killed');
    expect(await invoice(id)).toMatchObject({ status: 'draft', number: null, pdf_path: null });
    expect(await nextNumber()).toBe(before);
  });

  it('killed after the database step, before the upload: recovery renders, archives and records', async () => {
    const id = await newDraft();
    await sendInDatabase(run, id);
    const sent = await invoice(id);
    expect(sent).toMatchObject({ status: 'sent', pdf_path: null });
    expect(await stored(`${workspaceId}/invoice-${sent.number}.pdf`)).toBeNull();

    expect(await recover()).toEqual({ finished: 1, failed: 0 });
    const row = await invoice(id);
    expect(row.pdf_path).toBe(`${workspaceId}/invoice-${sent.number}.pdf`);
    expect(sha256Hex((await stored(row.pdf_path))!)).toBe(row.pdf_sha256);
  });

  it('killed while loading for the render: recovery finishes it', async () => {
    const id = await newDraft();
    await sendInDatabase(run, id);
    await expect(finishArchive(dyingAt(1), archive, id)).rejects.toThrow('killed');
    expect((await invoice(id)).pdf_path).toBeNull();
    expect(await recover()).toEqual({ finished: 1, failed: 0 });
    expect((await invoice(id)).pdf_path).not.toBeNull();
  });

  it('killed after the upload, before the record: recovery keeps the identical object and records it', async () => {
    const id = await newDraft();
    await sendInDatabase(run, id);
    await expect(finishArchive(dyingAt(2), archive, id)).rejects.toThrow('killed');
    const sent = await invoice(id);
    const canonical = `${workspaceId}/invoice-${sent.number}.pdf`;
    const uploaded = await stored(canonical);
    expect(uploaded).not.toBeNull();
    expect(sent.pdf_path).toBeNull();

    expect(await recover()).toEqual({ finished: 1, failed: 0 });
    const row = await invoice(id);
    expect(row.pdf_path).toBe(canonical);
    expect(row.pdf_sha256).toBe(sha256Hex(uploaded!));
  });

  it('an interrupted upload left other bytes: the render is archived next to them, never replacing them', async () => {
    const id = await newDraft();
    await sendInDatabase(run, id);
    const sent = await invoice(id);
    const canonical = `${workspaceId}/invoice-${sent.number}.pdf`;
    const foreign = Buffer.from('%PDF-1.7\n% an older template\n');
    expect(await archive.put(canonical, foreign)).toBe('created');

    await recover();
    const row = await invoice(id);
    expect(row.pdf_path).toMatch(new RegExp(`^${workspaceId}/invoice-${sent.number}-[0-9a-f]{16}\\.pdf$`));
    expect(sha256Hex((await stored(row.pdf_path))!)).toBe(row.pdf_sha256);
    expect((await stored(canonical))!.equals(foreign)).toBe(true);
  });

  it('after the record nothing is left to do, and recording twice is refused', async () => {
    expect(await recover()).toEqual({ finished: 0, failed: 0 });
    const id = await newDraft();
    const archived = await sendInvoice(run, archive, id);
    const again = await run((tx) => tx.query('select record_invoice_pdf($1, $2, $3)', [id, archived.path, archived.sha256])).catch(
      (e: Error) => e.message,
    );
    expect(again).toBe('invoice_pdf_already_recorded');
  });

  it('a double click sends once: one number, the second gets invoice_not_draft', async () => {
    const id = await newDraft();
    const before = await nextNumber();
    const results = await Promise.allSettled([sendInvoice(run, archive, id), sendInvoice(run, archive, id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason.message).toBe('invoice_not_draft');
    expect(await nextNumber()).toBe(before + 1);
    expect((await invoice(id)).number).toBe(before);
  });

  it('hands out the original only while its hash matches; a mismatch is refused and logged', async () => {
    const id = await newDraft();
    const archived = await sendInvoice(run, archive, id);
    const ok = await readArchivedOriginal(run, archive, id);
    expect(ok.ok && sha256Hex(ok.bytes)).toBe(archived.sha256);

    // Tamper with the stored bytes behind the Storage API's back.
    const version = (
      await admin.query(`select version from storage.objects where bucket_id = 'invoice-archive' and name = $1`, [archived.path])
    ).rows[0].version;
    writeFileSync(path.join(standIn.dataDir, 'storage', 'invoice-archive', version), Buffer.from('%PDF-1.7 changed'));
    const refused = await readArchivedOriginal(run, archive, id);
    expect(refused).toEqual({ ok: false, reason: 'mismatch' });
    const events = await admin.query(`select details from invoice_events where invoice_id = $1 and event = 'pdf_mismatch'`, [id]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].details.expected).toBe(archived.sha256);
  });

  it('`npm run jobs -- --once` finishes interrupted sends in every workspace', async () => {
    const id = await newDraft();
    await sendInDatabase(run, id);
    // Async: the stand-in serving the command runs in this process.
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        path.join(repoRoot, 'node_modules/.bin/tsx'),
        ['scripts/jobs.ts', '--once'],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            ADMIN_DATABASE_URL: standIn.dbUrl,
            NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl,
            SUPABASE_SERVICE_ROLE_KEY: standIn.serviceRoleKey,
          },
        },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const report = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(report.done).toContainEqual({ kind: 'archive_invoice', key: id, result: { archived: true } });
    expect(report.failed).toEqual([]);
    const row = await invoice(id);
    expect(sha256Hex((await stored(row.pdf_path))!)).toBe(row.pdf_sha256);
  }, 60_000);

  it("another tenant's invoice is not found: no download, no send, no archive", async () => {
    const id = await newDraft();
    const archived = await sendInvoice(run, archive, id);
    const otherClient = standIn.client();
    await signUpConfirmed(otherClient, standIn.outbox, { email: `other-${randomUUID()}@example.test`, password: 'ett långt lösenord 456' });
    const otherClaims = asVerifiedClaims((await otherClient.auth.getClaims()).data?.claims)!;
    const otherRun: RunAsUser = (fn) => withUserTransaction(otherClaims, (tx) => fn(tx), { pool: appPool });
    const otherArchive = storageArchive(otherClient);
    expect(await readArchivedOriginal(otherRun, otherArchive, id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await otherArchive.get(archived.path)).toBeNull();
    await expect(sendInDatabase(otherRun, await newDraft())).rejects.toThrow('invoice_not_found');
    await expect(finishArchive(otherRun, otherArchive, id)).rejects.toThrow('invoice_not_found');
  });

  it('the archived PDF embeds the logo the seller uploaded, fetched while no transaction is open', async () => {
    const logoPath = `${workspaceId}/logo-${randomUUID()}.png`;
    const uploaded = await client.storage.from('logos').upload(logoPath, solidPng(48, 24), { contentType: 'image/png' });
    expect(uploaded.error).toBeNull();
    await admin.query(`update business_profiles set logo_path = $2 where workspace_id = $1`, [workspaceId, logoPath]);
    try {
      let open = 0;
      const tracked: RunAsUser = async (fn) => {
        open++;
        try {
          return await run(fn);
        } finally {
          open--;
        }
      };
      const openAtLogoRead: number[] = [];
      const trackedArchive: InvoiceArchive = { ...archive, logo: (p) => (openAtLogoRead.push(open), archive.logo(p)) };
      const archived = await sendInvoice(tracked, trackedArchive, await newDraft());
      expect(openAtLogoRead).toEqual([0]);
      const file = path.join(os.tmpdir(), `archived-${randomUUID()}.pdf`);
      writeFileSync(file, (await stored(archived.path))!);
      const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(images).toHaveLength(1);
      expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+48\s+24\s/);
    } finally {
      await admin.query(`update business_profiles set logo_path = null where workspace_id = $1`, [workspaceId]);
    }
  });
});
