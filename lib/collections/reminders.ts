// Sending a betalningspåminnelse: the archived original is read first (which checks the owner in
// the database and reads Storage outside any transaction), then in one transaction the reminder
// is recorded (fee capped by the database), its PDF rendered and the email sent with both PDFs;
// should the email fail, the transaction rolls back and no reminder is recorded.
import { ActionError } from '@/lib/actions/action';
import { sendEmail } from '@/lib/email/send';
import type { Locale, Translate } from '@/lib/i18n/catalogue';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import type { InvoiceArchive } from '@/lib/invoices/archive';
import { readArchivedOriginal } from '@/lib/invoices/download';
import { loadPdfInvoice } from '@/lib/invoices/pdf/load';
import type { RunAsUser } from '@/lib/invoices/send';
import { addDays } from '@/lib/time/week';
import { renderReminderPdf } from './reminder-pdf';

/** Days the reminder gives to pay. */
export const REMINDER_PAY_DAYS = 10;

export async function sendReminder(opts: { run: RunAsUser; archive: InvoiceArchive; invoiceId: string; t: Translate; locale: Locale }) {
  const { run, archive, invoiceId, t, locale } = opts;
  const original = await readArchivedOriginal(run, archive, invoiceId);
  if (!original.ok) {
    if (original.reason === 'not_found') throw new ActionError('invoices.invoice.notFound');
    throw new ActionError(original.reason === 'mismatch' ? 'invoices.errors.pdfMismatch' : 'invoices.invoice.archivePending');
  }
  return run(async (tx) => {
    const { rows } = await tx.query<{ email: string | null }>(
      `select coalesce(nullif(i.buyer_snapshot ->> 'email', ''), cd.email) as email
         from public.invoices i left join public.client_details cd on cd.node_id = i.client_node_id where i.id = $1`,
      [invoiceId],
    );
    const to = rows[0]?.email;
    if (!to) throw new ActionError('collections.overdue.noEmail');
    const reminder = (
      await tx.query<{ sent_on: string; outstanding_ore: string; fee_ore: number }>(
        `select sent_on::text, outstanding_ore, fee_ore from public.record_reminder($1, $2)`,
        [invoiceId, to],
      )
    ).rows[0];
    const invoice = await loadPdfInvoice(tx, invoiceId);
    if (!invoice?.dueDate || !invoice.number) throw new ActionError('invoices.invoice.notFound');
    const daysLate = Math.round((Date.parse(reminder.sent_on) - Date.parse(invoice.dueDate)) / 86_400_000);
    const outstandingOre = Number(reminder.outstanding_ore);
    const pdf = await renderReminderPdf({
      locale,
      invoice,
      sentOn: reminder.sent_on,
      payBy: addDays(reminder.sent_on, REMINDER_PAY_DAYS),
      daysLate,
      outstandingOre,
      feeOre: reminder.fee_ore,
    });
    const seller = invoice.seller.name;
    await sendEmail({
      to,
      subject: t('collections.reminder.emailSubject', { number: invoice.number, seller }),
      text: t('collections.reminder.emailText', {
        number: invoice.number,
        due: formatDate(invoice.dueDate, locale),
        amount: formatMoney(outstandingOre + reminder.fee_ore, locale),
        seller,
      }),
      attachments: [
        { filename: t('collections.reminder.fileName', { number: invoice.number }), contentType: 'application/pdf', content: pdf },
        { filename: original.filename, contentType: 'application/pdf', content: original.bytes },
      ],
    });
    return { to, feeOre: reminder.fee_ore };
  });
}
