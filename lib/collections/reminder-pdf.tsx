// The betalningspåminnelse as a PDF of its own (issue 19, item 1): what is unpaid, since when,
// the fee if the client agreed to one, how to pay with the OCR reference. Rendered from the
// invoice's frozen data (pdf/load.ts) and the reminder as recorded, in the invoice's fonts.
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { translator, type Locale } from '@/lib/i18n/catalogue';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { FONT_FAMILY, registerFreshInvoiceFonts } from '@/lib/invoices/pdf/fonts';
import type { PdfInvoice } from '@/lib/invoices/pdf/model';

export interface ReminderPdf {
  locale: Locale;
  invoice: PdfInvoice;
  sentOn: string;
  payBy: string;
  daysLate: number;
  outstandingOre: number;
  feeOre: number;
}

const s = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 10, padding: 40, color: '#1f2328' },
  header: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 20 },
  seller: { fontSize: 14, fontWeight: 'bold' },
  title: { fontSize: 18, fontWeight: 'bold' },
  block: { marginBottom: 14 },
  row: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2, width: 300 },
  label: { color: '#59636e' },
  total: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    width: 300,
    borderTopWidth: 1,
    marginTop: 4,
    paddingTop: 4,
    fontWeight: 'bold',
  },
  heading: { fontWeight: 'bold', marginBottom: 4 },
});

function ReminderDocument({ r }: { r: ReminderPdf }) {
  const t = translator(r.locale);
  const inv = r.invoice;
  const money = (ore: number) => formatMoney(ore, r.locale);
  const row = (label: string, value: string) =>
    createElement(View, { style: s.row, key: label }, createElement(Text, { style: s.label }, label), createElement(Text, null, value));
  const pay = [
    inv.ocrReference ? row(t('collections.reminder.ocr'), inv.ocrReference) : null,
    inv.seller.bankgiro ? row(t('collections.reminder.bankgiro'), inv.seller.bankgiro) : null,
    inv.seller.plusgiro ? row(t('collections.reminder.plusgiro'), inv.seller.plusgiro) : null,
    inv.seller.iban ? row(t('collections.reminder.iban'), inv.seller.iban) : null,
    inv.seller.bic ? row(t('collections.reminder.bic'), inv.seller.bic) : null,
    row(t('collections.reminder.payBy'), formatDate(r.payBy, r.locale)),
  ];
  const buyer = [
    inv.buyer.name,
    inv.buyer.addressLine1,
    inv.buyer.addressLine2,
    [inv.buyer.postalCode, inv.buyer.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join('\n');
  return createElement(
    Document,
    { title: `${t('collections.reminder.title')} ${inv.number ?? ''}`, creator: inv.seller.name, producer: 'Konsultverkstad' },
    createElement(
      Page,
      { size: 'A4', style: s.page },
      createElement(
        View,
        { style: s.header },
        createElement(
          View,
          null,
          createElement(Text, { style: s.seller }, inv.seller.name),
          inv.seller.orgNumber ? createElement(Text, null, inv.seller.orgNumber) : null,
        ),
        createElement(
          View,
          null,
          createElement(Text, { style: s.title }, t('collections.reminder.title')),
          createElement(Text, null, formatDate(r.sentOn, r.locale)),
        ),
      ),
      createElement(View, { style: s.block }, createElement(Text, null, buyer)),
      createElement(View, { style: s.block }, createElement(Text, null, t('collections.reminder.intro'))),
      createElement(
        View,
        { style: s.block },
        row(t('collections.reminder.invoiceNumber'), inv.number ?? ''),
        row(t('collections.reminder.invoiceDate'), inv.issueDate ? formatDate(inv.issueDate, r.locale) : ''),
        row(t('collections.reminder.dueDate'), inv.dueDate ? formatDate(inv.dueDate, r.locale) : ''),
        row(t('collections.reminder.daysLate'), String(r.daysLate)),
        row(t('collections.reminder.invoiced'), money(inv.totalOre)),
        row(t('collections.reminder.paid'), money(inv.totalOre - r.outstandingOre)),
        row(t('collections.reminder.outstanding'), money(r.outstandingOre)),
        r.feeOre > 0 ? row(t('collections.reminder.fee'), money(r.feeOre)) : null,
        createElement(
          View,
          { style: s.total },
          createElement(Text, null, t('collections.reminder.toPay')),
          createElement(Text, null, money(r.outstandingOre + r.feeOre)),
        ),
      ),
      createElement(View, { style: s.block }, createElement(Text, { style: s.heading }, t('collections.reminder.howToPay')), ...pay),
      createElement(
        View,
        { style: s.block },
        createElement(Text, null, t('collections.reminder.interestNote')),
        createElement(Text, null, t('collections.reminder.alreadyPaid')),
      ),
    ),
  );
}

let queue: Promise<unknown> = Promise.resolve();

/** One render at a time: the font registry is process-wide (as for invoices). */
export function renderReminderPdf(r: ReminderPdf): Promise<Buffer> {
  const next = queue.then(() => {
    registerFreshInvoiceFonts();
    return renderToBuffer(createElement(ReminderDocument, { r }) as Parameters<typeof renderToBuffer>[0]);
  });
  queue = next.catch(() => undefined);
  return next;
}
