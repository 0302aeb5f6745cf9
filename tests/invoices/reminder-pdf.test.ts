// The reminder PDF (issue 19, item 1), read back with pdftotext: what is unpaid, since when, the
// agreed fee, how to pay with the OCR reference, rendered from a real overdue invoice's frozen data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { renderReminderPdf } from '../../lib/collections/reminder-pdf';
import { loadPdfInvoice } from '../../lib/invoices/pdf/load';
import { describeEachDatabase } from '../support/db';
import { makeTenant, type Tenant } from '../db/fixtures';

const pdfText = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'reminder-')), 'r.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describeEachDatabase('reminder PDF', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
    const client = await db().admin.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(`update invoices set issue_date = '2026-02-18', due_date = '2026-03-20' where id = $1`, [t.sentInvoiceId]);
      await client.query('commit');
    } finally {
      client.release();
    }
    await db().asUser(t.ownerId, async (c) => {
      await c.query(`update client_details set reminder_fee_ore = 6000 where node_id = $1`, [t.clientId]);
      await c.query(`select record_payment($1, 150000, '2026-03-25', 'bankgiro')`, [t.sentInvoiceId]);
    });
  });

  it('says what is unpaid, since when, the fee, and how to pay with the OCR reference', async () => {
    const { invoice, reminder } = await db().asUser(t.ownerId, async (c) => ({
      reminder: (
        await c.query(`select sent_on::text, outstanding_ore::int, fee_ore from record_reminder($1, 'kund@example.se')`, [t.sentInvoiceId])
      ).rows[0],
      invoice: await loadPdfInvoice(c, t.sentInvoiceId),
    }));
    expect(reminder).toMatchObject({ outstanding_ore: 800000, fee_ore: 6000 });
    const text = pdfText(
      await renderReminderPdf({
        locale: 'sv',
        invoice: invoice!,
        sentOn: '2026-04-20',
        payBy: '2026-04-30',
        daysLate: 31,
        outstandingOre: reminder.outstanding_ore,
        feeOre: reminder.fee_ore,
      }),
    );
    expect(text).toContain('Betalningspåminnelse');
    expect(text).toMatch(/Faktura nr\s+\d+/);
    expect(text).toMatch(/Förfallodag\s+2026-03-20/);
    expect(text).toMatch(/Dagar efter förfallodag\s+31/);
    expect(text).toMatch(/Fakturerat belopp\s+9\s500,00\skr/);
    expect(text).toMatch(/Betalt och krediterat\s+1\s500,00\skr/);
    expect(text).toMatch(/Kvar att betala\s+8\s000,00\skr/);
    expect(text).toMatch(/Påminnelseavgift\s+60,00\skr/);
    expect(text).toMatch(/Att betala\s+8\s060,00\skr/);
    expect(text).toMatch(new RegExp(`OCR-nummer\\s+${invoice!.ocrReference}`));
    expect(text).toMatch(/Bankgiro\s+5050-1055/);
    expect(text).toMatch(/Betala senast\s+2026-04-30/);
    expect(text).toContain('räntelagen (1975:635)');
  });
});
