// Issue 13, finding 3, in the app's own origin: `/profil/logotyp` answered text/html for a logo
// whose stored type was `text/plain; x=,TEXT/HTML`. Every file the app streams (the logo, an
// invoice's archived PDF, the accountant's export of it) carries nosniff and a restrictive CSP,
// and only images and PDFs may show inline.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAsUser } from '@/lib/db/transaction';
import { runDueJobs } from '@/lib/jobs/runner';
import { LOGO_BUCKET } from '@/lib/profile/logo';
import { jobContext } from '../../embedded/jobs';
import { addClient, addDraft, completeProfile } from '../db/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { signUpConfirmed } from '../support/stand-in';

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('file responses of the app (issue 13, finding 3: stored XSS)', () => {
  let app: TestApp;
  let admin: pg.Pool;
  let cookie: string;
  let userId: string;
  let workspaceId: string;
  let storage: ReturnType<ReturnType<TestApp['standIn']['client']>['storage']['from']>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    const client = app.standIn.client();
    const email = `filer-${Date.now().toString(36)}@example.test`;
    userId = (await signUpConfirmed(client, app.standIn.outbox, { email, password: 'ett-bra-lösenord' })).user.id;
    storage = client.storage.from(LOGO_BUCKET);
    workspaceId = (await admin.query(`select workspace_id from workspace_members where user_id = $1 and role = 'owner'`, [userId])).rows[0]
      .workspace_id;
    // A browser's session, through the email-link route.
    await client.auth.resetPasswordForEmail(email);
    const link = new URL(app.standIn.outbox.list(email).at(-1)!.links[0]);
    const res = await fetch(`${app.appUrl}${link.pathname}${link.search}`, { redirect: 'manual' });
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }, 900_000);

  afterAll(async () => {
    await admin?.end();
    await app?.stop();
  });

  const get = (path: string) => fetch(`${app.appUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
  const fileHeaders = (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    nosniff: res.headers.get('x-content-type-options'),
    csp: res.headers.get('content-security-policy'),
    disposition: res.headers.get('content-disposition'),
  });

  it('serves the logo as an image inline, and a logo whose stored type is forged as bytes to download, never as HTML', async () => {
    const path = `${workspaceId}/logo-e2e.png`;
    expect((await storage.upload(path, PNG, { contentType: 'image/png' })).error).toBeNull();
    await admin.query(`update business_profiles set logo_path = $2 where workspace_id = $1`, [workspaceId, path]);
    expect(fileHeaders(await get('/profil/logotyp'))).toEqual({
      status: 200,
      type: 'image/png',
      nosniff: 'nosniff',
      csp: "default-src 'none'; sandbox",
      disposition: null,
    });

    for (const forged of ['text/plain; x=,TEXT/HTML', 'text/html', 'image/svg+xml']) {
      await admin.query(
        `update storage.objects set metadata = metadata || jsonb_build_object('mimetype', $2::text) where bucket_id = $3 and name = $1`,
        [path, forged, LOGO_BUCKET],
      );
      const served = fileHeaders(await get('/profil/logotyp'));
      expect(served, forged).toMatchObject({
        status: 200,
        nosniff: 'nosniff',
        csp: "default-src 'none'; sandbox",
        disposition: 'attachment',
      });
      expect(served.type, forged).not.toMatch(/html|svg/i);
    }
  });

  it("sends an invoice's archived PDF and its export with nosniff, a CSP and as an attachment", async () => {
    // Sent as its owner but interrupted before the archive: the archive job finishes it (a GET never does).
    const invoiceId = await actAsUser(admin, userId, async (c) => {
      await completeProfile(c, workspaceId);
      const { invoiceId } = await addDraft(c, workspaceId, await addClient(c, workspaceId));
      await c.query('select id from public.send_invoice($1)', [invoiceId]);
      return invoiceId;
    });
    expect((await get(`/api/invoices/${invoiceId}/pdf`)).status).toBe(503);
    const round = await runDueJobs(jobContext(admin, app.standIn.apiUrl, app.standIn.serviceRoleKey), { worker: 'file-headers' });
    expect(round.done).toContainEqual({ kind: 'archive_invoice', key: invoiceId, result: { archived: true } });
    for (const path of [`/api/invoices/${invoiceId}/pdf`, `/api/exports/invoices/${invoiceId}/pdf`]) {
      const res = await get(path);
      expect(fileHeaders(res), path).toMatchObject({ status: 200, type: 'application/pdf', nosniff: 'nosniff', csp: "default-src 'none'" });
      expect(res.headers.get('content-disposition'), path).toMatch(/^attachment; filename="/);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        path,
      ).toBe('%PDF-');
    }
  });
});
