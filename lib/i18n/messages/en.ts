// English. Typed as Messages, so a missing or extra key is a compile error.
import type { Messages } from '../catalogue';
import { dbMessages } from './features/db';
import { profileMessages } from './features/profile';
import { mapMessages } from './features/map';
import { timeMessages } from './features/time';
import { dashboardMessages } from './features/dashboard';
import { invoicesMessages } from './features/invoices';
import { accountantMessages } from './features/accountant';
import { privacyMessages } from './features/privacy';
import { importMessages } from './features/import';
import { mfaMessages } from './features/mfa';
import { collectionsMessages } from './features/collections';
import { securityMessages } from './features/security';
import { reportsMessages } from './features/reports';
import { accessMessages } from './features/access';

export const en: Messages = {
  meta: {
    title: 'Konsultverkstad',
    description: 'Clients, time and invoices for Swedish sole proprietors.',
  },
  brand: { name: 'Konsultverkstad', tagline: 'Clients, time and invoices – for sole proprietors.' },
  nav: {
    main: 'Main menu',
    overview: 'Overview',
    map: 'Map',
    time: 'Time',
    invoices: 'Invoices',
    profile: 'Profile',
    openMenu: 'Open menu',
    account: 'Account',
    skipToContent: 'Skip to content',
  },
  footer: {
    privacy: 'Privacy',
    terms: 'Terms',
    security: 'Security',
    cookies: 'Cookies',
    legal: 'Legal information',
  },
  theme: { label: 'Theme', light: 'Light', dark: 'Dark', system: 'Follow system', toggle: 'Change theme' },
  language: { label: 'Language', sv: 'Svenska', en: 'English', switchTo: 'Change language' },
  pager: { label: 'Pages', showing: 'Showing {first}–{last} of {count}', previous: '← Previous', next: 'Next →' },
  auth: {
    email: 'Email address',
    password: 'Password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the password',
    passwordHint: 'At least 8 characters.',
    businessName: 'Business name',
    businessNameHint: 'The name of your sole proprietorship. You can change it later.',
    login: {
      title: 'Sign in',
      subtitle: 'Welcome back.',
      submit: 'Sign in',
      pending: 'Signing in …',
      forgot: 'Forgot your password?',
      noAccount: 'No account yet?',
      signupLink: 'Create an account',
    },
    signup: {
      title: 'Create an account',
      subtitle: 'Get started in a minute. No card needed.',
      submit: 'Create account',
      pending: 'Creating account …',
      haveAccount: 'Already have an account?',
      loginLink: 'Sign in',
      consent: 'By creating an account you accept our {terms} and confirm that you have read our {privacy}.',
      termsLink: 'terms',
      privacyLink: 'privacy notice',
      checkEmail: 'Almost there! We sent a link to {email}. Open it to confirm your account.',
    },
    forgot: {
      title: 'Forgot your password',
      subtitle: 'Enter your email address and we will send you a link to choose a new password.',
      submit: 'Send link',
      pending: 'Sending …',
      sent: 'If the address exists, we sent a link to it. The link is valid for 24 hours.',
      back: 'Back to sign in',
    },
    reset: {
      title: 'Choose a new password',
      subtitle: 'You are signed in through the link in the email. Choose a new password.',
      submit: 'Save password',
      pending: 'Saving …',
    },
    signOut: 'Sign out',
    notices: {
      passwordUpdated: 'Your password has been changed. Sign in with the new password.',
      signedOut: 'You are signed out.',
      linkConfirmed:
        'The link is confirmed, but this browser could not sign you in (the link was opened in another browser or after more than five minutes). Sign in with your password. Wanted to change your password? Ask for a new link and open it in the same browser.',
    },
  },
  home: {
    unnamed: 'Unnamed business',
    email: 'Signed in as',
    roles: { owner: 'Owner', accountant: 'Accountant' },
    noWorkspace: 'You are not a member of any business yet.',
  },
  profileNav: {
    label: 'Profile pages',
    business: 'Business',
    accountants: 'Accountant',
    security: 'Security',
    data: 'My data',
  },

  legal: {
    updated: 'Last updated',
    swedishOnly: 'This text is available in Swedish only.',
  },
  errors: {
    generic: 'Something went wrong. Please try again in a moment.',
    invalidCredentials: 'Wrong email address or password.',
    userExists: 'An account with that email address already exists.',
    weakPassword: 'The password is too weak. Choose a longer one.',
    samePassword: 'The new password must differ from the old one.',
    rateLimited: 'Too many attempts. Wait a moment and try again.',
    emailNotConfirmed: 'Confirm your email address through the link we sent before signing in.',
    linkInvalid: 'The link is invalid or has expired. Request a new one.',
    sessionExpired: 'Your session has expired. Please sign in again.',
    forbidden: 'You are not allowed to do that.',
    duplicate: 'A record with the same value already exists.',
    invalidValue: 'One of the values is not allowed.',
    missingReference: 'The record refers to something that does not exist.',
    retry: 'Try again',
    checkFields: 'Check the fields below.',
  },
  validation: {
    required: 'Fill in this field.',
    email: 'Enter a valid email address.',
    passwordMin: 'The password must have at least 8 characters.',
    passwordMax: 'The password may have at most 72 characters.',
    passwordMismatch: 'The passwords do not match.',
    tooLong: 'The text is too long.',
    invalid: 'Invalid value.',
    orgNumber: {
      format: 'Write the organisation number as NNNNNN-NNNN (ten digits).',
      checksum: 'The organisation number has a wrong check digit. Check the digits.',
    },
    vatNumber: {
      format: 'Write the VAT number as SE + ten digits + 01, or with another EU country code.',
      checksum: 'The VAT number has a wrong check digit. Check the organisation number in it.',
    },
    bankgiro: {
      format: 'Write the bankgiro number as 123-4567 or 1234-5678.',
      checksum: 'The bankgiro number has a wrong check digit. Check the digits.',
    },
    plusgiro: {
      format: 'Write the plusgiro number as 12345-6 (2–8 digits).',
      checksum: 'The plusgiro number has a wrong check digit. Check the digits.',
    },
    iban: {
      format: 'An IBAN starts with a country code and two digits, for example SE45 5000 0000 0583 9825 7466.',
      checksum: 'The IBAN does not add up (its check digits). Check the digits.',
    },
    bic: { format: 'A BIC has 8 or 11 characters, for example ESSESESS.', checksum: 'The BIC is not valid.' },
    ocr: {
      format: 'An OCR reference has 2–25 digits.',
      checksum: 'The OCR reference has a wrong check digit.',
    },
    duration: 'Write the time as 1:30, 1.5 or 90m.',
    money: 'Write the amount in kronor, for example 1 250 or 1 250.50.',
  },
  // Feature catalogues (lib/i18n/messages/features/*.ts), one file per feature.
  ...dbMessages.en,
  ...profileMessages.en,
  ...mapMessages.en,
  ...timeMessages.en,
  ...dashboardMessages.en,
  ...invoicesMessages.en,
  ...accountantMessages.en,
  ...privacyMessages.en,
  ...importMessages.en,
  ...collectionsMessages.en,
  ...securityMessages.en,
  ...reportsMessages.en,
  ...mfaMessages.en,
  ...accessMessages.en,
};
