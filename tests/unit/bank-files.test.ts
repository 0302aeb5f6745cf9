// The bank-file parsers on files written from the formats' descriptions (tests/support/bank-files):
// BgMax deposits with deductions and extra references, camt.054 batches and returns, and every
// refusal naming its line or element: foreign currencies, wrong sums and counts, broken XML.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBgmax } from '../../lib/payments/bgmax';
import { parseCamt054 } from '../../lib/payments/camt054';
import { Matcher, type OpenInvoice } from '../../lib/payments/match';
import { BankFileError, type BankPayment } from '../../lib/payments/types';
import { bgmaxFile, camtFile } from '../support/bank-files';

async function* linesOf(text: string) {
  yield* text.split('\n');
}
async function readBgmax(text: string): Promise<BankPayment[]> {
  const out: BankPayment[] = [];
  for await (const deposit of parseBgmax(linesOf(text))) out.push(...deposit);
  return out;
}
async function refusal(p: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof BankFileError) return { reason: e.reason, where: e.where };
    throw e;
  }
  throw new Error('not refused');
}

describe('BgMax', () => {
  it('reads payments with their deposit date, payer name, extra references, and a deduction as a negative amount', async () => {
    const file = bgmaxFile([
      {
        date: '20261130',
        payments: [
          { ref: '10232', ore: 950000, serial: 1, name: 'PROVKUND AB' },
          { ref: '10240', ore: 125050, serial: 2, extraRefs: ['10257'] },
          { ref: '10265', ore: 50000, serial: 3, deduction: true },
        ],
      },
      { date: '20261201', payments: [{ ref: '', ore: 100, serial: 1 }] },
    ]);
    const payments = await readBgmax(file);
    expect(payments.map((p) => [p.kind, p.amountOre, p.paidOn, p.references, p.payerName, p.position])).toEqual([
      ['payment', 950000, '2026-11-30', ['10232'], 'PROVKUND AB', 'rad 3'],
      ['payment', 125050, '2026-11-30', ['10240', '10257'], null, 'rad 5'],
      ['deduction', -50000, '2026-11-30', ['10265'], null, 'rad 7'],
      ['payment', 100, '2026-12-01', [], null, 'rad 10'],
    ]);
    expect(new Set(payments.map((p) => p.sourceRef)).size).toBe(4);
    // The receiving bankgiro of the deposit (record 05), without its leading zeros.
    expect(new Set(payments.map((p) => p.account))).toEqual(new Set(['50501055']));
  });

  it('refuses, naming the line: another currency, a deposit that does not add up, wrong end counts, no end, foreign files', async () => {
    const one = { date: '20261130', payments: [{ ref: '10232', ore: 950000, serial: 1 }] };
    expect(await refusal(readBgmax(bgmaxFile([{ ...one, currency: 'EUR' }])))).toEqual({ reason: 'currencyNotSek', where: 'rad 2' });
    expect(await refusal(readBgmax(bgmaxFile([{ ...one, amountOre: 950001 }])))).toEqual({ reason: 'depositMismatch', where: 'rad 4' });
    expect(await refusal(readBgmax(bgmaxFile([one], { endCounts: [2, 0, 0, 1] })))).toEqual({ reason: 'countMismatch', where: 'rad 5' });
    const lines = bgmaxFile([one]).split('\r\n');
    expect(await refusal(readBgmax(lines.slice(0, 4).join('\n')))).toEqual({ reason: 'endMissing', where: 'rad 4' });
    expect(await refusal(readBgmax(lines.map((l, i) => (i === 2 ? `20${'x'.repeat(78)}` : l)).join('\n')))).toMatchObject({
      reason: 'fieldInvalid',
      where: 'rad 3',
    });
    expect(await refusal(readBgmax(lines.map((l, i) => (i === 2 ? `99${l.slice(2)}` : l)).join('\n')))).toEqual({
      reason: 'recordUnknown',
      where: 'rad 3',
    });
    expect(await refusal(readBgmax('Datum;Belopp\n2026-11-30;100\n'))).toEqual({ reason: 'notBgmax', where: 'rad 1' });
  });
});

describe('camt.054', () => {
  it('reads a batch entry as one payment per transaction with its OCR and payer; a return and a debit are returns', () => {
    const payments = parseCamt054(
      camtFile([
        {
          amount: '12000.50',
          date: '2026-11-30',
          txs: [
            { ref: 'A1', amount: '9500.00', ocr: '10232', name: 'Provkund AB' },
            { ref: 'A2', amount: '2500.50', ocr: '10240' },
          ],
        },
        { amount: '100.00', date: '2026-11-30', txs: [{ ref: 'R1', amount: '100.00', returned: true }] },
        { amount: '50.00', date: '2026-11-30', debit: true, txs: [{ ref: 'D1', amount: '50.00' }] },
        { amount: '70.00', date: '2026-11-30', status: 'PDNG', txs: [{ ref: 'P1', amount: '70.00' }] },
      ]),
    );
    expect(payments.map((p) => [p.kind, p.amountOre, p.paidOn, p.references, p.payerName, p.position])).toEqual([
      ['payment', 950000, '2026-11-30', ['10232'], 'Provkund AB', 'Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]'],
      ['payment', 250050, '2026-11-30', ['10240'], null, 'Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[2]'],
      ['return', -10000, '2026-11-30', [], null, 'Ntfctn[1]/Ntry[2]/NtryDtls[1]/TxDtls[1]'],
      ['return', -5000, '2026-11-30', [], null, 'Ntfctn[1]/Ntry[3]/NtryDtls[1]/TxDtls[1]'],
    ]);
    expect(new Set(payments.map((p) => p.account))).toEqual(new Set(['SE4550000000058398257466']));
  });

  it('refuses, naming the element: another currency in an entry or a transaction, a batch that does not add up, broken XML', async () => {
    const ok = { amount: '100.00', date: '2026-11-30', txs: [{ ref: 'A', amount: '100.00' }] };
    expect(await refusal(() => parseCamt054(camtFile([{ ...ok, currency: 'EUR' }])))).toEqual({
      reason: 'currencyNotSek',
      where: 'Ntfctn[1]/Ntry[1]/Amt',
    });
    expect(await refusal(() => parseCamt054(camtFile([{ ...ok, txs: [{ ref: 'A', amount: '100.00', currency: 'NOK' }] }])))).toEqual({
      reason: 'currencyNotSek',
      where: 'Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Amt',
    });
    expect(
      await refusal(() =>
        parseCamt054(
          camtFile([
            {
              ...ok,
              txs: [
                { ref: 'A', amount: '60.00' },
                { ref: 'B', amount: '30.00' },
              ],
            },
          ]),
        ),
      ),
    ).toEqual({ reason: 'batchMismatch', where: 'Ntfctn[1]/Ntry[1]/Amt' });
    expect(await refusal(() => parseCamt054(camtFile([{ ...ok, amount: '1.234' }])))).toMatchObject({ reason: 'fieldInvalid' });
    expect(await refusal(() => parseCamt054(camtFile([ok]).replace('</Ntfctn>', '')))).toMatchObject({ reason: 'xmlMalformed' });
    expect((await refusal(() => parseCamt054(camtFile([ok]).replace('</Ntfctn>', '')))).where).toMatch(/^rad \d+$/);
    expect(await refusal(() => parseCamt054('<Document><Other/></Document>'))).toEqual({ reason: 'notCamt054', where: 'Document' });
  });
});

describe('matching', () => {
  const invoices: OpenInvoice[] = [
    { id: 'a', ocrReference: '10232', outstandingOre: 950000, clientName: 'Provkund AB', issueDate: '2026-11-01' },
    { id: 'b', ocrReference: '10240', outstandingOre: 125000, clientName: 'Annan Kund AB', issueDate: '2026-11-01' },
    { id: 'c', ocrReference: '10257', outstandingOre: 125000, clientName: 'Tredje AB', issueDate: '2026-11-01' },
  ];
  const pay = (p: Partial<BankPayment>): BankPayment => ({
    kind: 'payment',
    sourceRef: 'x',
    account: '50501055',
    position: 'rad 1',
    amountOre: 100,
    paidOn: '2026-11-30',
    method: 'bankgiro',
    references: [],
    payerName: null,
    ...p,
  });

  it('by OCR (leading zeros ignored), else by amount and payer with one candidate, else unmatched', () => {
    const m = new Matcher(invoices);
    expect(m.match(pay({ references: ['0010232'], amountOre: 400000 }))).toEqual({ invoiceId: 'a', rule: 'ocr' });
    expect(m.match(pay({ amountOre: 125000, payerName: 'TREDJE AKTIEBOLAG' }))).toEqual({ invoiceId: 'c', rule: 'amount_payer' });
    expect(m.match(pay({ amountOre: 125000 }))).toBeNull();
    expect(m.match(pay({ amountOre: 125000, payerName: 'Tredje AB' }))).toBeNull(); // c is already covered
    expect(m.match(pay({ references: ['10232'], paidOn: '2026-10-01' }))).toBeNull(); // before the invoice was issued
    expect(m.match(pay({ kind: 'deduction', references: ['10240'], amountOre: -100 }))).toBeNull();
  });

  it('property: each payment is placed at most once, on an invoice that exists, and amount matches never exceed what is left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ocr: fc.integer({ min: 10, max: 40 }), outstanding: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 15 }),
        fc.array(fc.record({ ref: fc.integer({ min: 10, max: 40 }), ore: fc.integer({ min: 1, max: 5000 }), named: fc.boolean() }), {
          maxLength: 30,
        }),
        (invs, pays) => {
          const open = invs.map((v, i) => ({
            id: `i${i}`,
            ocrReference: String(v.ocr),
            outstandingOre: v.outstanding,
            clientName: 'Kund',
            issueDate: '2026-01-01',
          }));
          const m = new Matcher(open);
          const left = new Map(open.map((i) => [i.id, i.outstandingOre]));
          pays.forEach((p, n) => {
            const result = m.match(
              pay({ sourceRef: `s${n}`, references: [String(p.ref)], amountOre: p.ore, payerName: p.named ? 'Kund AB' : null }),
            );
            if (!result) return;
            expect(open.some((i) => i.id === result.invoiceId)).toBe(true);
            if (result.rule === 'amount_payer') expect(left.get(result.invoiceId)).toBe(p.ore);
            left.set(result.invoiceId, (left.get(result.invoiceId) ?? 0) - p.ore);
          });
        },
      ),
    );
  });
});
