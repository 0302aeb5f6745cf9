// Emailing a sent invoice's archived original to its buyer. Only the owner may: the database is
// asked first (the invoice must be in a workspace the user owns), before the archive is read or
// a byte leaves; the email is recorded on the invoice once it has left.
import { ActionError } from '@/lib/actions/action';
import { sendEmail } from '@/lib/email/send';
import type { Locale, Translate } from '@/lib/i18n/catalogue';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { readArchivedOriginal } from './download';
import { getInvoice } from './queries';
import type { InvoiceArchive } from './archive';
import type { RunAsUser } from './send';

export async function emailArchivedInvoice(opts: {
  run: RunAsUser;
  archive: InvoiceArchive;
  invoiceId: string;
  to: string;
  t: Translate;
  locale: Locale;
}) {
  const { run, archive, invoiceId, t, locale } = opts;
  const owned = await run(async (tx) => {
    const { rows } = await tx.query<{ seller: string | null }>(
      `select seller_snapshot ->> 'legal_name' as seller from public.invoices
        where id = $1 and workspace_id in (select private.my_owned_workspaces())`,
      [invoiceId],
    );
    return rows[0] ? { seller: rows[0].seller ?? '', invoice: await getInvoice(tx, invoiceId) } : null;
  });
  if (!owned?.invoice) throw new ActionError('invoices.invoice.notFound');
  const original = await readArchivedOriginal(run, archive, invoiceId);
  if (!original.ok) {
    if (original.reason === 'not_found') throw new ActionError('invoices.invoice.notFound');
    throw new ActionError(original.reason === 'mismatch' ? 'invoices.errors.pdfMismatch' : 'invoices.invoice.archivePending');
  }
  const { invoice, seller } = owned;
  const number = invoice.number ?? '';
  // A credit note asks for no payment: no due date, the amount the buyer gets back.
  const credit = invoice.kind === 'credit_note';
  await sendEmail({
    to: opts.to,
    subject: t(credit ? 'invoices.invoice.emailSubjectCreditNote' : 'invoices.invoice.emailSubject', { number, seller }),
    text: credit
      ? t('invoices.invoice.emailTextCreditNote', { number, amount: formatMoney(-invoice.totalOre, locale), seller })
      : t('invoices.invoice.emailText', {
          number,
          amount: formatMoney(invoice.totalOre, locale),
          due: invoice.dueDate ? formatDate(invoice.dueDate, locale) : '',
          seller,
        }),
    attachments: [{ filename: original.filename, contentType: 'application/pdf', content: original.bytes }],
  });
  await run((tx) => tx.query('select public.record_invoice_emailed($1, $2)', [invoiceId, opts.to]));
}
