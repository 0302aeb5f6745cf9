// Finding 4 of the security review: the read-only accountant emailed the owner's invoice PDF to an
// outside address (the mail left before the owner-only check). Every server action of the app
// (each export of a 'use server' module under lib/, found by reading the files, so a new action
// is covered without editing this test) runs here as the accountant, active in the owner's
// workspace, against sent and draft invoices; afterwards no mail has left, no Storage object or
// stored file exists that did not before, and no row in public or storage changed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, type HarnessUser } from '../exports/archive-harness';
import { fingerprint, serverActionModules, startAppWorld, storedFiles, type AppWorld } from '../support/app-world';
import { asRequest, redirectTarget } from '../support/next-request';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

type Exported = ((...args: unknown[]) => Promise<unknown>) & { access?: string };

let world: AppWorld;
const actions: { name: string; fn: Exported }[] = [];

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** One form that fills every field any action reads, pointing at the owner's real objects. */
function universalForm(invoice: 'sent' | 'draft'): FormData {
  const { ids, accountant } = world;
  const today = new Date().toISOString().slice(0, 10);
  const fields: Record<string, string> = {
    invoiceId: invoice === 'sent' ? ids.sentInvoiceId : ids.draftInvoiceId,
    lineId: invoice === 'sent' ? ids.sentLineId : ids.draftLineId,
    lineIds: invoice === 'sent' ? ids.sentLineId : ids.draftLineId,
    clientId: ids.clientId,
    nodeId: ids.clientId,
    id: ids.entryId,
    entryIds: ids.entryId,
    perEntry: 'on',
    to: 'mottagare@utanfor.example',
    email: 'mottagare@utanfor.example',
    // The accountant's own password: their own-account actions get past it and stop at the
    // next check (same password; deletion also needs the box ticked, which this form does not).
    password: PASSWORD,
    confirmPassword: PASSWORD,
    token: ids.invitationToken,
    invitationId: ids.invitationId,
    userId: accountant.id,
    workspaceId: ids.workspaceId,
    locale: 'sv',
    returnTo: '/',
    paidOn: today,
    issueDate: today,
    dueDate: today,
    entryDate: today,
    minutes: '1:00',
    message: 'Kapad',
    description: 'Kapad rad',
    quantity: '1',
    unit: 'st',
    unitPrice: '100',
    vatRate: '25',
    legalName: 'Kapad AB',
    name: 'Kapad kund',
    paymentTerms: '30',
    country: 'SE',
    receivable: '1510',
    sales25: '3001',
    sales12: '3002',
    sales6: '3003',
    sales0: '3004',
    salesReverseCharge: '3308',
    vat25: '2611',
    vat12: '2621',
    vat6: '2631',
    salesOutsideEu: '3305',
    rounding: '3740',
    interest: '8313',
    fees: '3930',
    bank: '1930',
    bookkeepingMethod: 'cash',
    vatPeriod: 'month',
    fiscalYearStartMonth: '5',
    voucherSeries: 'K',
    required: 'false',
    step: '15',
    importId: world.ids.clientId, // any uuid, as paymentId
    vatTreatment: 'domestic',
    firstNumber: '1001',
    amount: '100',
    method: 'bankgiro',
    paymentId: world.ids.clientId, // any uuid: the wrapper refuses before the handler looks it up
    reason: 'Kapad återföring',
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('logo', new File([PNG], 'logo.png', { type: 'image/png' }));
  form.set('file', new File(['01BGMAX'], 'bgmax.txt', { type: 'text/plain' }));
  return form;
}

const browsers = new Map<string, Awaited<ReturnType<AppWorld['signedIn']>>>();

/**
 * The user's browser, active in `workspaceId` (saved in their token, as the switcher does): one
 * sign-in per user (Auth limits sign-ins per address), the session refreshed to carry the choice,
 * and signed in again when an action ended the session.
 */
async function browserFor(user: HarnessUser, workspaceId: string) {
  await world.h.admin.query(
    `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || jsonb_build_object('active_workspace_id', $2::text, 'locale', 'sv') where id = $1`,
    [user.id, workspaceId],
  );
  const { createClient } = await import('@/lib/supabase/server');
  const cached = browsers.get(user.id);
  if (cached) {
    const refreshed = await asRequest(cached, async () => (await createClient()).auth.refreshSession());
    if (!refreshed.error && refreshed.data.session) return cached;
  }
  const browser = await world.signedIn(user);
  browsers.set(user.id, browser);
  return browser;
}

/** Runs one exported action as the browser; returns its state, or where it redirected. */
async function run(fn: Exported, form: FormData, browser: Awaited<ReturnType<typeof browserFor>>) {
  return asRequest(browser, async () => {
    try {
      // createAction's (state, formData); plain form actions take the form (or nothing).
      return fn.length === 2 ? await fn({ ok: false, fieldErrors: {}, values: {} }, form) : await fn(form);
    } catch (error) {
      const target = redirectTarget(error);
      if (target) return { redirect: target };
      throw error;
    }
  });
}

beforeAll(async () => {
  world = await startAppWorld();
  for (const file of serverActionModules()) {
    const mod = (await import(`@/${file.replace(/\.tsx?$/, '')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod))
      if (typeof value === 'function') actions.push({ name: `${file}#${name}`, fn: value as Exported });
  }
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

describe('finding 4: a read-only accountant runs every server action', () => {
  it('finds the app’s server actions', () => {
    const names = actions.map((a) => a.name);
    expect(names).toContain('lib/invoices/actions.ts#emailInvoice');
    expect(names).toContain('lib/profile/actions.ts#uploadLogo');
    expect(names).toContain('lib/accountant/actions.ts#inviteAccountant');
    expect(names.length).toBeGreaterThan(30);
    // Every action made with the wrapper declares who may run it.
    for (const a of actions) if ('access' in a.fn) expect(['public', 'account', 'owner'], a.name).toContain(a.fn.access);
  });

  it('the owner’s own email of the invoice does leave (the outbox check can fail)', async () => {
    const before = world.h.standIn.outbox.list().length;
    const emailInvoice = actions.find((a) => a.name === 'lib/invoices/actions.ts#emailInvoice')!.fn;
    const form = new FormData();
    form.set('invoiceId', world.ids.sentInvoiceId);
    form.set('to', 'kund@example.test');
    const result = (await run(emailInvoice, form, await browserFor(world.owner, world.ids.workspaceId))) as { ok: boolean };
    expect(result.ok).toBe(true);
    expect(world.h.standIn.outbox.list().length).toBe(before + 1);
  });

  it('as accountant of the owner’s workspace: no mail, no file, no row, and every owner action is refused', async () => {
    const mailBefore = world.h.standIn.outbox.list().length;
    const rowsBefore = await fingerprint(world.h);
    const filesBefore = storedFiles(world.h.standIn.dataDir);
    const reached: string[] = [];
    const sentMail: string[] = [];
    let ownAccountMail = 0;
    const notRefused: string[] = [];
    for (const invoice of ['sent', 'draft'] as const) {
      for (const { name, fn } of actions) {
        if (fn.access === 'public') continue; // no account involved: sign-in, sign-up, reset request
        const mail = world.h.standIn.outbox.list().length;
        const result = await run(fn, universalForm(invoice), await browserFor(world.accountant, world.ids.workspaceId));
        // An account action acts on the user's own account only (changing their own address mails
        // them a confirmation link); an owner action must not send anything at all.
        if (fn.access === 'owner' && world.h.standIn.outbox.list().length !== mail) sentMail.push(`${name} (${invoice})`);
        if (fn.access !== 'owner') ownAccountMail += world.h.standIn.outbox.list().length - mail;
        // Owner actions are refused by the wrapper's database check, not by a field the form got wrong.
        const refused = (result as { formError?: string; fieldErrors?: object })?.formError === 'Du har inte behörighet att göra det.';
        if (fn.access === 'owner' && !(refused && Object.keys((result as { fieldErrors: object }).fieldErrors).length === 0)) {
          notRefused.push(`${name} (${invoice}): ${JSON.stringify(result)}`);
        }
        reached.push(name);
      }
    }
    expect(sentMail).toEqual([]);
    expect(world.h.standIn.outbox.list().length).toBe(mailBefore + ownAccountMail);
    expect(storedFiles(world.h.standIn.dataDir)).toEqual(filesBefore);
    expect(await fingerprint(world.h)).toEqual(rowsBefore);
    expect(notRefused).toEqual([]);
    expect(reached.length).toBeGreaterThan(40);
  });

  it('active in their own workspace, the accountant still cannot email the owner’s invoice', async () => {
    const own = await world.h.workspaceOf(world.accountant.id);
    const emailInvoice = actions.find((a) => a.name === 'lib/invoices/actions.ts#emailInvoice')!.fn;
    const mailBefore = world.h.standIn.outbox.list().length;
    const rowsBefore = await fingerprint(world.h);
    const form = new FormData();
    form.set('invoiceId', world.ids.sentInvoiceId);
    form.set('to', `utanfor-${randomUUID().slice(0, 6)}@evil.example`);
    const result = await run(emailInvoice, form, await browserFor(world.accountant, own));
    expect(result).toMatchObject({ ok: false });
    expect(world.h.standIn.outbox.list().length).toBe(mailBefore);
    expect(await fingerprint(world.h)).toEqual(rowsBefore);
  });
});
