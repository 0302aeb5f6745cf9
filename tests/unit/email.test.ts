// The app's emails land in the stand-in's outbox when no SMTP server is configured, attachments
// byte for byte; with neither configured, sending fails loudly instead of dropping the email.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '@/lib/email/outbox';
import { EmailNotConfiguredError, emailConfigured, sendEmail } from '@/lib/email/send';

describe('sendEmail', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'konsult-outbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes to the outbox with links and attachments', async () => {
    const pdf = Buffer.from('%PDF-1.7 åäö');
    await sendEmail(
      {
        to: 'kund@example.test',
        subject: 'Faktura 1',
        text: 'Hej!',
        links: ['http://localhost/x'],
        attachments: [{ filename: 'f.pdf', contentType: 'application/pdf', content: pdf }],
      },
      { MAIL_OUTBOX_DIR: dir },
    );
    const [message] = new Outbox(dir).list('kund@example.test');
    expect(message).toMatchObject({ subject: 'Faktura 1', links: ['http://localhost/x'] });
    expect(Buffer.from(message.attachments![0].contentBase64, 'base64').equals(pdf)).toBe(true);
  });

  it('refuses when nothing is configured', async () => {
    expect(emailConfigured({})).toBe(false);
    await expect(sendEmail({ to: 'a@b.se', subject: 's', text: 't' }, {})).rejects.toBeInstanceOf(EmailNotConfiguredError);
  });
});
