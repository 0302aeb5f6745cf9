// The invitation email: the link with the token, in the inviter's language.
import { emailLink } from '@/lib/email/links';
import { sendEmail } from '@/lib/email/send';
import type { Translate } from '@/lib/i18n/catalogue';

export const invitationPath = (token: string) => `/invite?token=${encodeURIComponent(token)}`;

export function invitationLink(token: string): string {
  return emailLink(invitationPath(token));
}

export async function sendInvitationEmail(opts: { to: string; workspaceName: string; link: string; t: Translate }) {
  const workspace = opts.workspaceName || opts.t('accountant.email.unnamed');
  await sendEmail({
    to: opts.to,
    subject: opts.t('accountant.email.subject', { workspace }),
    text: opts.t('accountant.email.text', { workspace, link: opts.link, email: opts.to }),
    links: [opts.link],
  });
}
