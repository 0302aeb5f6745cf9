// Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Outbox } from '../../lib/email/outbox';
import { CONFIRMATION_SUBJECT, latestMail } from './stand-in';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

const onPath = (page: Page, path: string) => page.waitForURL((u) => u.pathname === path, { timeout: 30_000 });

/** Fills the Swedish sign-in form on the current page and waits for the app's home. */
export async function signInOnPage(page: Page, email: string, password: string) {
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await onPath(page, '/');
}

/**
 * After the sign-up form was sent: waits for "check your email" (Swedish, or `checkEmail`), then
 * opens Auth's own link from the confirmation mail in the same browser, as the user would; Auth
 * redirects to /auth/confirm?code=…, which this browser's PKCE verifier cookie turns into a session.
 */
export async function confirmSignUpOnPage(page: Page, outbox: Outbox, email: string, checkEmail = 'Nästan klart!') {
  await page.getByText(checkEmail).waitFor({ timeout: 30_000 });
  await page.goto(latestMail(outbox, email, CONFIRMATION_SUBJECT).links[1]);
}

/** Signs up through the Swedish sign-up page at `signupUrl`, confirms through the outbox and waits for the onboarding guide a new account is led to. */
export async function signUpOnPage(page: Page, signupUrl: string, businessName: string, email: string, password: string, outbox: Outbox) {
  await page.goto(signupUrl);
  await page.getByLabel('Företagsnamn').fill(businessName);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await confirmSignUpOnPage(page, outbox, email);
  await onPath(page, '/valkommen');
}

/** Signs out through the account menu and waits for the sign-in page. */
export async function signOutOnPage(page: Page) {
  await page.getByRole('button', { name: 'Konto' }).click();
  await page.getByRole('menuitem', { name: 'Logga ut' }).click();
  await onPath(page, '/login');
}
