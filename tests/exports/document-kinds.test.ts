// One invoice-read core (lib/invoices/read.ts) for the list, the portal, the ledger and every
// export: document kinds are explicit. A new kind in the invoices table (here a hypothetical
// 'quote', made possible by dropping the kind check inside a rolled-back transaction) never leaks
// into the exports (ZIP, SIE and register all read listExportInvoices), the portal or the ledger;
// the query string cannot ask for it and the filter refuses it.
import { expect, it } from 'vitest';
import { customerLedger } from '../../lib/accountant/queries';
import { parseExportFilter } from '../../lib/exports/filter';
import { listExportInvoices, pageOfExportInvoices } from '../../lib/exports/invoices';
import { buildSieExport } from '../../lib/exports/sie/export';
import { listInvoices } from '../../lib/invoices/queries';
import { invoiceWhere } from '../../lib/invoices/read';
import { describeEachDatabase } from '../support/db';
import { makeTenant } from '../db/fixtures';

it('the query string and the filter refuse a kind the exports do not carry', () => {
  expect(parseExportFilter(new URLSearchParams('kind=quote'))).toBeNull();
  expect(parseExportFilter(new URLSearchParams('kind=credit_note'))?.kind).toBe('credit_note');
  // @ts-expect-error: 'quote' is not a DocumentKind, so no reader can name it by accident.
  expect(() => invoiceWhere({ kinds: ['quote'], drafts: false })).toThrow(/unknown or no document kinds/);
  expect(() => invoiceWhere({ kinds: [], drafts: false })).toThrow(/unknown or no document kinds/);
});

describeEachDatabase('a new document kind stays out of the exports', (db) => {
  it('a sent quote next to the invoices is in no export, portal page, ledger or invoice list', async () => {
    const t = await makeTenant(db());
    let quoteId = '';
    await db().asUser(
      t.ownerId,
      async (c) => {
        // RLS shows the quote to the owner; only the readers' explicit kinds keep it out.
        expect((await c.query(`select 1 from public.invoices where id = $1`, [quoteId])).rowCount).toBe(1);

        const exported = await listExportInvoices(c, {});
        expect(exported.map((i) => i.id)).toContain(t.sentInvoiceId);
        expect(exported.map((i) => i.id)).not.toContain(quoteId);
        expect((await pageOfExportInvoices(c, {}, 1)).invoices.map((i) => i.id)).not.toContain(quoteId);
        const ledger = await customerLedger(c, {});
        const sent = exported.filter((i) => i.clientId === t.clientId && i.kind === 'invoice');
        expect(ledger.find((l) => l.clientId === t.clientId)?.openOre).toBe(sent.reduce((sum, i) => sum + (i.outstandingOre ?? 0), 0));
        expect((await listInvoices(c, {})).items.map((i) => i.id)).not.toContain(quoteId);
        const sie = await buildSieExport(c, t.workspaceId, {});
        expect(sie.count).toBe(exported.length);
        expect(Buffer.from(sie.bytes).toString('latin1')).not.toMatch(/#VER[^\n]*9999/);
      },
      {
        workspaceId: t.workspaceId,
        rollback: true,
        // A kind the schema does not have yet, forged as the table owner in this transaction only.
        beforeBecoming: async (c) => {
          await c.query(`alter table public.invoices drop constraint invoices_kind_valid`);
          await c.query(`set local session_replication_role = replica`);
          const { rows } = await c.query<{ id: string }>(
            `insert into public.invoices
               select (jsonb_populate_record(null::public.invoices, to_jsonb(i) || jsonb_build_object('id', gen_random_uuid(), 'kind', 'quote', 'number', 9999, 'pdf_path', null))).*
                 from public.invoices i where i.id = $1
             returning id`,
            [t.sentInvoiceId],
          );
          quoteId = rows[0].id;
          await c.query(`set local session_replication_role = origin`);
        },
      },
    );
  });
});
