// The emails the stand-in's Auth sends, into the outbox, in Swedish as the app's default. Link
// emails carry two links: the app's /auth/confirm route (server-side verifyOtp, HttpOnly cookies)
// first, Auth's own GET /verify second, as the README's email templates set them up on a project.
import type { AuthContext } from './context';
import { nextPathOf } from './redirects';

export type LinkType = 'signup' | 'recovery' | 'email_change';

function links(ctx: AuthContext, type: LinkType, token: string, next: string, redirectTo: string): [string, string] {
  const app = `${ctx.siteUrl}/auth/confirm?${new URLSearchParams({ token_hash: token, type, next })}`;
  const api = `${ctx.apiUrl}/auth/v1/verify?${new URLSearchParams({ token, type, redirect_to: redirectTo })}`;
  return [app, api];
}

const footer = ['', 'Om du inte bad om detta kan du bortse från det här mejlet.'];

export function sendRecovery(ctx: AuthContext, to: string, token: string, redirectTo: string) {
  const [app, api] = links(ctx, 'recovery', token, '/reset-password', redirectTo);
  ctx.outbox.send({
    to,
    subject: 'Återställ ditt lösenord',
    text: [
      'Hej!',
      '',
      'Någon (förhoppningsvis du) har bett om att återställa lösenordet till ditt konto hos Konsultverkstad.',
      'Öppna länken nedan för att välja ett nytt lösenord. Länken fungerar en gång och gäller i 24 timmar.',
      '',
      app,
      ...footer,
    ].join('\n'),
    links: [app, api],
  });
}

export function sendSignupConfirmation(ctx: AuthContext, to: string, token: string, next: string, redirectTo: string) {
  const [app, api] = links(ctx, 'signup', token, next, redirectTo);
  ctx.outbox.send({
    to,
    subject: 'Bekräfta din e-postadress',
    text: [
      'Hej!',
      '',
      'Välkommen till Konsultverkstad. Öppna länken nedan för att bekräfta din e-postadress och logga in.',
      'Länken fungerar en gång och gäller i 24 timmar.',
      '',
      app,
      ...footer,
    ].join('\n'),
    links: [app, api],
  });
}

/** To the owner of an address someone tried to sign up with again: no account is made or changed. */
export function sendRepeatedSignup(ctx: AuthContext, to: string) {
  const login = `${ctx.siteUrl}/login`;
  const reset = `${ctx.siteUrl}/forgot-password`;
  ctx.outbox.send({
    to,
    subject: 'Du har redan ett konto',
    text: [
      'Hej!',
      '',
      'Någon försökte skapa ett konto hos Konsultverkstad med den här e-postadressen, men du har redan ett.',
      `Logga in på ${login}. Har du glömt lösenordet kan du välja ett nytt på ${reset}.`,
      '',
      'Var det inte du behöver du inte göra något: ditt konto har inte ändrats.',
    ].join('\n'),
    links: [login, reset],
  });
}

export function sendReauthentication(ctx: AuthContext, to: string, code: string) {
  ctx.outbox.send({
    to,
    subject: 'Din bekräftelsekod',
    text: [
      'Hej!',
      '',
      'Använd koden nedan för att bekräfta att det är du som ändrar lösenordet till ditt konto hos Konsultverkstad.',
      'Koden gäller i 24 timmar och fungerar en gång.',
      '',
      code,
      '',
      'Bad du inte om en kod? Byt lösenord och logga ut överallt: någon kan ha tillgång till ditt konto.',
    ].join('\n'),
    links: [],
  });
}

/** Both halves of a secure email change: the old address confirms letting go, the new one that it is reachable. */
export function sendEmailChange(
  ctx: AuthContext,
  change: { from: string; to: string; currentToken: string | null; newToken: string; redirectTo: string },
) {
  const next = nextPathOf(change.redirectTo);
  const [newApp, newApi] = links(ctx, 'email_change', change.newToken, next, change.redirectTo);
  ctx.outbox.send({
    to: change.to,
    subject: 'Bekräfta din nya e-postadress',
    text: [
      'Hej!',
      '',
      `Du har bett om att byta e-postadress för ditt konto hos Konsultverkstad från ${change.from} till den här adressen.`,
      'Öppna länken nedan för att bekräfta. Länken fungerar en gång och gäller i 24 timmar.',
      '',
      newApp,
      ...footer,
    ].join('\n'),
    links: [newApp, newApi],
  });
  if (!change.currentToken) return;
  const [oldApp, oldApi] = links(ctx, 'email_change', change.currentToken, next, change.redirectTo);
  ctx.outbox.send({
    to: change.from,
    subject: 'Bekräfta byte av e-postadress',
    text: [
      'Hej!',
      '',
      `Någon har bett om att byta e-postadressen för ditt konto hos Konsultverkstad till ${change.to}.`,
      'Bytet görs först när båda adresserna har bekräftat. Öppna länken nedan om det var du.',
      '',
      oldApp,
      '',
      'Var det inte du? Öppna inte länken, byt lösenord och logga ut överallt: då görs inget byte.',
    ].join('\n'),
    links: [oldApp, oldApi],
  });
}

export function sendPasswordChanged(ctx: AuthContext, to: string) {
  const reset = `${ctx.siteUrl}/forgot-password`;
  ctx.outbox.send({
    to,
    subject: 'Ditt lösenord har ändrats',
    text: [
      'Hej!',
      '',
      'Lösenordet till ditt konto hos Konsultverkstad har just ändrats, och du har loggats ut på dina andra enheter.',
      '',
      `Var det inte du? Välj ett nytt lösenord på ${reset} och kontakta oss.`,
    ].join('\n'),
    links: [reset],
  });
}
