// Issue 17 through the request context, as the owner's browser calls the server actions: one step
// from a client to a draft with its unbilled hours, a line edited in place (refusals at the field
// they concern, in Swedish), the rounding rule saying what was logged, and a deleted entry undone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { translator } from '@/lib/i18n/catalogue';
import { formatMinutes } from '@/lib/i18n/format';
import { invoiceClient, updateDraftLine } from '@/lib/invoices/actions';
import { deleteTimeEntry, restoreTimeEntry, saveTimeEntry, setTimeRounding, stopTimerAction } from '@/lib/time/actions';
import type { TimeNode } from '@/lib/time/nodes';
import { GET as startableNodes } from '@/app/api/time/nodes/route';
import { startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

type Action = (
  state: { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> },
  form: FormData,
) => Promise<unknown>;
type State = { ok: boolean; message?: string; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

const t = translator('sv');
let world: AppWorld;
let owner: SimulatedBrowser;

async function run(action: Action, fields: Record<string, string>): Promise<State & { redirect?: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return asRequest(owner, async () => {
    try {
      return (await action({ ok: false, fieldErrors: {}, values: {} }, form)) as State;
    } catch (error) {
      const target = redirectTarget(error);
      if (target) return { ok: true, redirect: target };
      throw error;
    }
  });
}

const admin = (sql: string, params: unknown[] = []) => world.h.admin.query(sql, params).then((r) => r.rows);

beforeAll(async () => {
  world = await startAppWorld();
  owner = await world.signedIn(world.owner);
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

describe('invoice drafts', () => {
  let invoiceId: string;
  let lineId: string;

  it('goes from a client to a draft billing all its unbilled hours in one step', async () => {
    const result = await run(invoiceClient, { clientId: world.ids.clientId });
    expect(result.redirect).toMatch(/^\/fakturor\/[0-9a-f-]{36}$/);
    invoiceId = result.redirect!.split('/').pop()!;
    const [invoice] = await admin(`select status, client_node_id, net_ore::int as net from invoices where id = $1`, [invoiceId]);
    expect(invoice).toMatchObject({ status: 'draft', client_node_id: world.ids.clientId });
    const billed = await admin(
      `select l.id, l.description, l.quantity::text from time_entries e join invoice_lines l on l.id = e.invoice_line_id where e.id = $1`,
      [world.ids.entryId],
    );
    // The world's 1 h 30 min at 950 kr on the client itself.
    expect(billed).toEqual([{ id: expect.any(String), description: 'Provkund AB', quantity: '1.50' }]);
    expect(invoice.net).toBe(142_500);
    lineId = billed[0].id;
    // Nothing left to bill: a second click makes an empty draft, not a second bill of the same hours.
    const again = await run(invoiceClient, { clientId: world.ids.clientId });
    const [second] = await admin(`select net_ore::int as net from invoices where id = $1`, [again.redirect!.split('/').pop()]);
    expect(second.net).toBe(0);
  });

  it('edits the line of hours in place: its text and VAT, not its quantity (refused at the field)', async () => {
    const saved = await run(updateDraftLine, { invoiceId, lineId, description: 'Rådgivning – strategi', vatRate: '12' });
    expect(saved).toMatchObject({ ok: true, message: t('invoices.draft.lineSaved') });
    expect(await admin(`select net_ore::int as net, vat_ore::int as vat from invoices where id = $1`, [invoiceId])).toEqual([
      { net: 142_500, vat: 17_100 },
    ]);
    const typedOver = await run(updateDraftLine, {
      invoiceId,
      lineId,
      description: 'Rådgivning',
      quantity: '3',
      unitPrice: '950',
      vatRate: '25',
    });
    expect(typedOver.ok).toBe(false);
    expect(typedOver.fieldErrors).toEqual({ quantity: t('db.lineFollowsHours') });
    // What was typed comes back to the form.
    expect(typedOver.values).toMatchObject({ description: 'Rådgivning', quantity: '3' });
    expect(await admin(`select description, quantity::text, vat_rate from invoice_lines where id = $1`, [lineId])).toEqual([
      { description: 'Rådgivning – strategi', quantity: '1.50', vat_rate: 12 },
    ]);
  });

  it("refuses a sent invoice's line and asks a 0 % line for its reason, in Swedish", async () => {
    const sent = await run(updateDraftLine, {
      invoiceId: world.ids.sentInvoiceId,
      lineId: world.ids.sentLineId,
      description: 'Ändrad',
      quantity: '1',
      unitPrice: '1',
      vatRate: '25',
    });
    expect(sent).toMatchObject({ ok: false, formError: t('db.invoiceImmutable') });
    const zero = await run(updateDraftLine, { invoiceId, lineId, description: 'Rådgivning', vatRate: '0' });
    expect(zero.fieldErrors).toEqual({ vatExemptionReason: t('invoices.vat.exemptionRequired') });
    const empty = await run(updateDraftLine, { invoiceId, lineId, description: ' ', vatRate: '25' });
    expect(empty.fieldErrors).toEqual({ description: t('invoices.errors.description') });
  });
});

describe('time', () => {
  const entry = { nodeId: '', entryDate: '2026-11-23', minutes: '0:07', description: 'Mejl', billable: 'on' };

  it('rounds by the rule the consultant picked and says what was logged', async () => {
    entry.nodeId = world.ids.clientId;
    const rule = await run(setTimeRounding, { step: '15' });
    expect(rule).toMatchObject({ ok: true, message: t('time.rounding.saved') });
    const saved = await run(saveTimeEntry, entry);
    expect(saved).toMatchObject({ ok: true, message: t('time.entry.savedAs', { time: formatMinutes(15) }) });
    const bad = await run(setTimeRounding, { step: '10' });
    expect(bad.fieldErrors).toEqual({ step: t('time.rounding.invalid') });

    await admin(
      `insert into running_timers (workspace_id, user_id, node_id, started_at) values ($1, $2, $3, now() - interval '62 seconds')`,
      [world.ids.workspaceId, world.owner.id, world.ids.clientId],
    );
    const stopped = await run(stopTimerAction, {});
    expect(stopped).toMatchObject({ ok: true, message: t('time.timer.stoppedAs', { time: formatMinutes(15) }) });
    await run(setTimeRounding, { step: '0' });
  });

  it('deletes an entry and undoes it, bringing back exactly the row; once', async () => {
    const [{ id }] = await admin(`select id from time_entries where description = 'Mejl' and workspace_id = $1`, [world.ids.workspaceId]);
    const [before] = await admin(`select to_jsonb(e) as row from time_entries e where id = $1`, [id]);
    const deleted = await run(deleteTimeEntry, { id });
    expect(deleted).toMatchObject({ ok: true, message: t('time.entry.deleted'), values: { id } });
    expect(await admin(`select 1 from time_entries where id = $1`, [id])).toEqual([]);
    const restored = await run(restoreTimeEntry, { id });
    expect(restored).toMatchObject({ ok: true, message: t('time.undo.restored') });
    expect(await admin(`select to_jsonb(e) as row from time_entries e where id = $1`, [id])).toEqual([before]);
    const twice = await run(restoreTimeEntry, { id });
    expect(twice).toMatchObject({ ok: false, formError: t('db.timeEntryNotRestorable') });
  });
});

describe("the header timer's start menu", () => {
  const fetchNodes = async (browser: SimulatedBrowser) => {
    const request = browser.request('/api/time/nodes');
    const res = await asRequest(browser, () => startableNodes(request), request.headers);
    return { status: res.status, body: (await res.json()) as { nodes?: TimeNode[]; error?: string } };
  };

  it("fetches the owner's clients, projects and tasks with their paths when it opens, not archived ones", async () => {
    const ids = await world.h.asUser(world.owner.id, async (c) => {
      const add = async (parent: string, kind: string, title: string, archived = false) =>
        (
          await c.query<{ id: string }>(
            `insert into nodes (workspace_id, parent_id, kind, title, archived_at) values ($1, $2, $3, $4, case when $5 then now() end) returning id`,
            [world.ids.workspaceId, parent, kind, title, archived],
          )
        ).rows[0].id;
      const project = await add(world.ids.clientId, 'project', 'Menyprojekt');
      const task = await add(project, 'task', 'Menyuppgift');
      const note = await add(project, 'note', 'Menyanteckning');
      const archived = await add(world.ids.clientId, 'project', 'Arkiverat projekt', true);
      const below = await add(archived, 'task', 'Under arkiverat');
      return { project, task, note, archived, below };
    });
    const { status, body } = await fetchNodes(owner);
    expect(status).toBe(200);
    const [client] = await admin(`select title from nodes where id = $1`, [world.ids.clientId]);
    const byId = new Map(body.nodes!.map((n) => [n.id, n]));
    expect(byId.get(world.ids.clientId)).toMatchObject({ kind: 'client', path: client.title });
    expect(byId.get(ids.project)).toMatchObject({ kind: 'project', path: `${client.title} › Menyprojekt`, clientId: world.ids.clientId });
    expect(byId.get(ids.task)).toMatchObject({ kind: 'task', path: `${client.title} › Menyprojekt › Menyuppgift` });
    for (const hidden of [ids.note, ids.archived, ids.below]) expect(byId.has(hidden)).toBe(false);
  });

  it("refuses a signed-out visitor and the owner's accountant, in Swedish", async () => {
    const signedOut = await fetchNodes(new SimulatedBrowser(owner.origin));
    expect(signedOut).toEqual({ status: 401, body: { error: t('errors.sessionExpired') } });
    // The accountant acting in the owner's workspace (their token names it).
    await admin(
      `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || jsonb_build_object('active_workspace_id', $2::text) where id = $1`,
      [world.accountant.id, world.ids.workspaceId],
    );
    const accountant = await world.signedIn(world.accountant);
    expect(await fetchNodes(accountant)).toEqual({ status: 403, body: { error: t('errors.forbidden') } });
  });
});
