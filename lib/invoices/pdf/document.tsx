// The invoice as a react-pdf document: A4, the embedded Liberation Sans, every field ML 2023:200
// ch. 17 asks for (the VAT treatment's text and reference, exemption reasons, discounts),
// payment details and page numbers in a footer repeated on every page, and the seller's logo.
import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { translator } from '@/lib/i18n/catalogue';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { FONT_FAMILY } from './fonts';
import { printedExemptions } from '../vat-treatment';
import type { PartyDetails, PdfInvoice } from './model';

const s = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 9, paddingTop: 36, paddingBottom: 96, paddingHorizontal: 40, color: '#1f2328' },
  draft: {
    color: '#b42318',
    fontSize: 11,
    fontWeight: 'bold',
    textAlign: 'center',
    marginBottom: 8,
    borderWidth: 1,
    borderColor: '#b42318',
    padding: 4,
  },
  header: { flexDirection: 'row', justifyContent: 'space-between', marginBottom: 18 },
  seller: { fontSize: 14, fontWeight: 'bold', maxWidth: 260 },
  logo: { maxWidth: 160, maxHeight: 60, objectFit: 'contain', marginBottom: 6 },
  vatNote: { marginTop: 2, fontSize: 8, color: '#59636e' },
  docTitle: { fontSize: 20, fontWeight: 'bold', textAlign: 'right' },
  meta: { flexDirection: 'row', justifyContent: 'flex-end', marginTop: 6 },
  metaRow: { flexDirection: 'row', justifyContent: 'flex-end' },
  metaLabel: { color: '#59636e', width: 100, textAlign: 'right', marginRight: 8 },
  metaValue: { width: 132, textAlign: 'right' },
  parties: { flexDirection: 'row', gap: 24, marginBottom: 16 },
  party: { flex: 1, borderTopWidth: 1, borderColor: '#d0d7de', paddingTop: 6 },
  label: { color: '#59636e', fontSize: 8, marginBottom: 2, textTransform: 'uppercase' },
  bold: { fontWeight: 'bold' },
  notice: { marginBottom: 10, fontWeight: 'bold' },
  tableHead: { flexDirection: 'row', borderBottomWidth: 1, borderColor: '#1f2328', paddingBottom: 3, fontWeight: 'bold' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderColor: '#d0d7de', paddingVertical: 3 },
  cDesc: { flex: 1, paddingRight: 6 },
  cQty: { width: 40, textAlign: 'right' },
  cUnit: { width: 32, paddingLeft: 5 },
  cPrice: { width: 84, textAlign: 'right' },
  cVat: { width: 42, textAlign: 'right' },
  cAmount: { width: 92, textAlign: 'right' },
  totals: { marginTop: 10, marginLeft: 'auto', width: 260 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 1.5 },
  grand: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 1,
    borderColor: '#1f2328',
    marginTop: 3,
    paddingTop: 3,
    fontSize: 11,
    fontWeight: 'bold',
  },
  message: { marginTop: 14 },
  footer: {
    position: 'absolute',
    left: 40,
    right: 40,
    bottom: 28,
    borderTopWidth: 1,
    borderColor: '#d0d7de',
    paddingTop: 6,
    fontSize: 7.5,
    color: '#59636e',
  },
  footerCols: { flexDirection: 'row', gap: 12 },
  footerCol: { flex: 1 },
  pageNumber: { textAlign: 'right', marginTop: 4 },
});

function addressLines(p: PartyDetails): string[] {
  return [p.addressLine1, p.addressLine2, [p.postalCode, p.city].filter(Boolean).join(' '), p.country !== 'SE' ? p.country : null].filter(
    (l): l is string => Boolean(l),
  );
}

/** Multi-line text as one Text per line: a raw line break inside a Text is drawn with a non-embedded font. */
function TextLines({ text }: { text: string }) {
  return text.split(/\r\n|\r|\n/).map((line, i) => <Text key={i}>{line || ' '}</Text>);
}

export function InvoiceDocument({ invoice }: { invoice: PdfInvoice }) {
  const t = translator(invoice.locale);
  const money = (ore: number) => formatMoney(ore, invoice.locale);
  const date = (d: string) => formatDate(d, invoice.locale);
  const qty = (q: string) =>
    new Intl.NumberFormat(invoice.locale === 'sv' ? 'sv-SE' : 'en-SE', { maximumFractionDigits: 2 }).format(Number(q));
  const credit = invoice.kind === 'credit_note';
  const docTitle = credit ? t('invoices.pdf.creditNote') : t('invoices.pdf.invoice');
  const { seller, buyer } = invoice;
  const meta: [string, string][] = [];
  if (invoice.number) meta.push([credit ? t('invoices.pdf.creditNumber') : t('invoices.pdf.number'), invoice.number]);
  if (invoice.issueDate) meta.push([credit ? t('invoices.pdf.creditDate') : t('invoices.pdf.issueDate'), date(invoice.issueDate)]);
  if (invoice.supplyDate && invoice.supplyDate !== invoice.issueDate) meta.push([t('invoices.pdf.supplyDate'), date(invoice.supplyDate)]);
  if (invoice.periodStart && invoice.periodEnd)
    meta.push([t('invoices.pdf.period'), `${date(invoice.periodStart)} – ${date(invoice.periodEnd)}`]);
  // A credit note asks for no payment: no due date, no OCR, no payment details.
  if (!credit && invoice.dueDate) meta.push([t('invoices.pdf.dueDate'), date(invoice.dueDate)]);
  if (!credit && invoice.ocrReference) meta.push([t('invoices.pdf.ocr'), invoice.ocrReference]);
  if (invoice.buyerReference) meta.push([t('invoices.vat.buyerReference'), invoice.buyerReference]);
  if (invoice.sellerReference) meta.push([t('invoices.vat.sellerReference'), invoice.sellerReference]);
  const exemptions = printedExemptions(invoice.vatTreatment, invoice.lines);

  const payment: string[] = [];
  // Names of payment systems, the same in every language.
  if (seller.bankgiro) payment.push(`Bankgiro ${seller.bankgiro}`);
  if (seller.plusgiro) payment.push(`Plusgiro ${seller.plusgiro}`);
  if (seller.iban) payment.push(`IBAN ${seller.iban}`);
  if (seller.bic) payment.push(`BIC ${seller.bic}`);

  return (
    <Document
      title={`${docTitle} ${invoice.number ?? t('invoices.pdf.draft')} – ${seller.name}`}
      author={seller.name}
      subject={`${docTitle} ${buyer.name}`}
      creator="Konsultverkstad"
      producer="Konsultverkstad"
      language={invoice.locale === 'sv' ? 'sv-SE' : 'en'}
      creationDate={invoice.createdAt}
      modificationDate={invoice.createdAt}
    >
      <Page size="A4" style={s.page}>
        {invoice.number === null ? (
          <Text style={s.draft} fixed>
            {t('invoices.pdf.draft')}
          </Text>
        ) : null}
        <View style={s.header}>
          <View>
            {invoice.logo ? <Image style={s.logo} src={invoice.logo} /> : null}
            <Text style={s.seller}>{seller.name}</Text>
          </View>
          <View>
            <Text style={s.docTitle}>{docTitle}</Text>
            <View style={{ marginTop: 6 }}>
              {meta.map(([label, value]) => (
                <View key={label} style={s.metaRow}>
                  <Text style={s.metaLabel}>{label}</Text>
                  <Text style={s.metaValue}>{value}</Text>
                </View>
              ))}
            </View>
          </View>
        </View>

        <View style={s.parties}>
          <View style={s.party}>
            <Text style={s.label}>{t('invoices.pdf.seller')}</Text>
            <Text style={s.bold}>{seller.name}</Text>
            {addressLines(seller).map((l) => (
              <Text key={l}>{l}</Text>
            ))}
            {seller.orgNumber ? <Text>{`${t('invoices.pdf.orgNumber')} ${seller.orgNumber}`}</Text> : null}
            {seller.vatNumber ? <Text>{`${t('invoices.pdf.vatNumber')} ${seller.vatNumber}`}</Text> : null}
          </View>
          <View style={s.party}>
            <Text style={s.label}>{t('invoices.pdf.buyer')}</Text>
            <Text style={s.bold}>{buyer.name}</Text>
            {addressLines(buyer).map((l) => (
              <Text key={l}>{l}</Text>
            ))}
            {buyer.orgNumber ? <Text>{`${t('invoices.pdf.orgNumber')} ${buyer.orgNumber}`}</Text> : null}
            {buyer.vatNumber ? <Text>{`${t('invoices.pdf.buyerVatNumber')} ${buyer.vatNumber}`}</Text> : null}
          </View>
        </View>

        {invoice.credits ? (
          <Text style={s.notice}>
            {t('invoices.pdf.creditsInvoice', { number: invoice.credits.number, date: date(invoice.credits.issueDate) })}
          </Text>
        ) : null}
        {invoice.vatTreatment === 'eu_reverse_charge' ? (
          <View style={s.notice}>
            <Text>{t('invoices.pdf.reverseCharge')}</Text>
            <Text style={s.vatNote}>{t('invoices.vat.reverseChargeReference')}</Text>
          </View>
        ) : null}
        {invoice.vatTreatment === 'outside_eu' ? <Text style={s.notice}>{t('invoices.vat.outsideEu')}</Text> : null}

        <View style={s.tableHead} fixed>
          <Text style={s.cDesc}>{t('invoices.pdf.description')}</Text>
          <Text style={s.cQty}>{t('invoices.pdf.quantity')}</Text>
          <Text style={s.cUnit}>{t('invoices.pdf.unit')}</Text>
          <Text style={s.cPrice}>{t('invoices.pdf.unitPrice')}</Text>
          <Text style={s.cVat}>{t('invoices.pdf.vatRate')}</Text>
          <Text style={s.cAmount}>{t('invoices.pdf.amount')}</Text>
        </View>
        {invoice.lines.map((l, i) => (
          <View key={i} style={s.row} wrap={false}>
            <Text style={s.cDesc}>{l.description}</Text>
            <Text style={s.cQty}>{qty(l.quantity)}</Text>
            <Text style={s.cUnit}>{l.unit}</Text>
            <Text style={s.cPrice}>{money(l.unitPriceOre)}</Text>
            <Text style={s.cVat}>{`${l.vatRate} %`}</Text>
            <Text style={s.cAmount}>{money(l.amountOre)}</Text>
          </View>
        ))}

        <View style={s.totals} wrap={false}>
          {invoice.vatSummary.map((r) => (
            <View key={r.vatRate}>
              <View style={s.totalRow}>
                <Text>{t('invoices.pdf.vatBase', { rate: r.vatRate })}</Text>
                <Text>{money(r.taxableOre)}</Text>
              </View>
              <View style={s.totalRow}>
                <Text>{t('invoices.pdf.vatAmount', { rate: r.vatRate })}</Text>
                <Text>{money(r.vatOre)}</Text>
              </View>
            </View>
          ))}
          <View style={s.totalRow}>
            <Text>{t('invoices.pdf.net')}</Text>
            <Text>{money(invoice.netOre)}</Text>
          </View>
          {invoice.roundingOre !== 0 ? (
            <View style={s.totalRow}>
              <Text>{t('invoices.vat.rounding')}</Text>
              <Text>{money(invoice.roundingOre)}</Text>
            </View>
          ) : null}
          <View style={s.grand}>
            <Text>{credit ? t('invoices.pdf.totalCredit') : t('invoices.pdf.total')}</Text>
            <Text>{money(invoice.totalOre)}</Text>
          </View>
          {credit ? <Text style={s.notice}>{t('invoices.pdf.creditRefund', { amount: money(-invoice.totalOre) })}</Text> : null}
        </View>

        {exemptions.length > 0 ? (
          <View style={s.message} wrap={false}>
            {exemptions.map((reason) => (
              <Text key={reason}>{t(`invoices.vat.reasonTexts.${reason}`)}</Text>
            ))}
          </View>
        ) : null}

        {invoice.message ? (
          <View style={s.message} wrap={false}>
            <Text style={s.label}>{t('invoices.pdf.message')}</Text>
            <TextLines text={invoice.message} />
          </View>
        ) : null}

        <View style={s.footer} fixed>
          <View style={s.footerCols}>
            <View style={s.footerCol}>
              <Text style={s.bold}>{seller.name}</Text>
              {addressLines(seller).map((l) => (
                <Text key={l}>{l}</Text>
              ))}
              {seller.fSkatt ? <Text style={s.bold}>{t('invoices.pdf.fSkatt')}</Text> : null}
            </View>
            <View style={s.footerCol}>
              {seller.orgNumber ? <Text>{`${t('invoices.pdf.orgNumber')} ${seller.orgNumber}`}</Text> : null}
              {seller.vatNumber ? <Text>{`${t('invoices.pdf.vatNumber')} ${seller.vatNumber}`}</Text> : null}
              {seller.phone ? <Text>{`${t('invoices.pdf.phone')} ${seller.phone}`}</Text> : null}
              {seller.email ? <Text>{`${t('invoices.pdf.email')} ${seller.email}`}</Text> : null}
            </View>
            {credit ? null : (
              <View style={s.footerCol}>
                <Text style={s.bold}>{t('invoices.pdf.payment')}</Text>
                {payment.map((p) => (
                  <Text key={p}>{p}</Text>
                ))}
                {invoice.ocrReference ? <Text>{`${t('invoices.pdf.reference')}: ${invoice.ocrReference}`}</Text> : null}
                {invoice.dueDate ? <Text>{`${t('invoices.pdf.dueDate')} ${date(invoice.dueDate)}`}</Text> : null}
              </View>
            )}
          </View>
          {seller.footer ? (
            <View style={{ marginTop: 4 }}>
              <TextLines text={seller.footer} />
            </View>
          ) : null}
          <Text
            style={s.pageNumber}
            render={({ pageNumber, totalPages }) => t('invoices.pdf.page', { page: pageNumber, pages: totalPages })}
          />
        </View>
      </Page>
    </Document>
  );
}
