// Emails the app itself sends (invitations, invoices): through SMTP when the operator sets
// SMTP_URL (smtp://user:pass@host:587), else into the embedded stand-in's outbox (MAIL_OUTBOX_DIR,
// set by `npm run dev` and the test app), where a developer or a test opens them.
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { Outbox } from '@/lib/email/outbox';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** Links in the text, listed for the outbox so tests can follow them. */
  links?: string[];
  attachments?: EmailAttachment[];
}

export class EmailNotConfiguredError extends Error {
  constructor() {
    super('No SMTP_URL and no MAIL_OUTBOX_DIR: the app cannot send email.');
  }
}

export function emailConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.SMTP_URL || env.MAIL_OUTBOX_DIR);
}

export async function sendEmail(email: Email, env: Record<string, string | undefined> = process.env): Promise<void> {
  if (env.SMTP_URL) {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({
      from: env.MAIL_FROM ?? env.OPERATOR_EMAIL,
      to: email.to,
      subject: email.subject,
      text: email.text,
      attachments: email.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
    return;
  }
  if (!env.MAIL_OUTBOX_DIR) throw new EmailNotConfiguredError();
  new Outbox(env.MAIL_OUTBOX_DIR).send({
    to: email.to,
    subject: email.subject,
    text: email.text,
    links: email.links ?? [],
    attachments: email.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      contentBase64: a.content.toString('base64'),
    })),
  });
}
