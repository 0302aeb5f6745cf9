// Swedish: the canonical catalogue. Every other language must have exactly these keys.
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
export const sv = {
  meta: {
    title: 'Konsultverkstad',
    description: 'Kunder, tid och fakturor för dig som driver enskild firma.',
  },
  brand: { name: 'Konsultverkstad', tagline: 'Kunder, tid och fakturor – för enskild firma.' },
  nav: {
    main: 'Huvudmeny',
    overview: 'Översikt',
    map: 'Karta',
    time: 'Tid',
    invoices: 'Fakturor',
    profile: 'Profil',
    openMenu: 'Öppna meny',
    account: 'Konto',
    skipToContent: 'Hoppa till innehållet',
  },
  footer: {
    privacy: 'Integritet',
    terms: 'Villkor',
    security: 'Säkerhet',
    cookies: 'Kakor',
    legal: 'Juridisk information',
  },
  theme: { label: 'Tema', light: 'Ljust', dark: 'Mörkt', system: 'Följ systemet', toggle: 'Byt tema' },
  language: { label: 'Språk', sv: 'Svenska', en: 'English', switchTo: 'Byt språk' },
  pager: { label: 'Sidor', showing: 'Visar {first}–{last} av {count}', previous: '← Föregående', next: 'Nästa →' },
  auth: {
    email: 'E-postadress',
    password: 'Lösenord',
    newPassword: 'Nytt lösenord',
    confirmPassword: 'Upprepa lösenordet',
    passwordHint: 'Minst 8 tecken.',
    businessName: 'Företagsnamn',
    businessNameHint: 'Namnet på din enskilda firma. Du kan ändra det senare.',
    login: {
      title: 'Logga in',
      subtitle: 'Välkommen tillbaka.',
      submit: 'Logga in',
      pending: 'Loggar in …',
      forgot: 'Glömt lösenordet?',
      noAccount: 'Har du inget konto?',
      signupLink: 'Skapa konto',
    },
    signup: {
      title: 'Skapa konto',
      subtitle: 'Kom igång på en minut. Inget kort behövs.',
      submit: 'Skapa konto',
      pending: 'Skapar konto …',
      haveAccount: 'Har du redan ett konto?',
      loginLink: 'Logga in',
      consent: 'Genom att skapa ett konto godkänner du våra {terms} och bekräftar att du har läst vår {privacy}.',
      termsLink: 'villkor',
      privacyLink: 'integritetspolicy',
      checkEmail: 'Nästan klart! Vi har skickat en länk till {email}. Öppna den för att bekräfta ditt konto.',
    },
    forgot: {
      title: 'Glömt lösenordet',
      subtitle: 'Ange din e-postadress så skickar vi en länk för att välja ett nytt lösenord.',
      submit: 'Skicka länk',
      pending: 'Skickar …',
      sent: 'Om adressen finns hos oss har vi skickat en länk dit. Länken gäller i 24 timmar.',
      back: 'Tillbaka till inloggningen',
    },
    reset: {
      title: 'Välj ett nytt lösenord',
      subtitle: 'Du är inloggad via länken i e-postmeddelandet. Välj ett nytt lösenord.',
      submit: 'Spara lösenord',
      pending: 'Sparar …',
    },
    signOut: 'Logga ut',
    notices: {
      passwordUpdated: 'Ditt lösenord är ändrat. Logga in med det nya lösenordet.',
      signedOut: 'Du är utloggad.',
      linkConfirmed:
        'Länken är bekräftad, men den här webbläsaren kunde inte logga in dig (länken öppnades i en annan webbläsare eller efter mer än fem minuter). Logga in med ditt lösenord. Ville du byta lösenord: be om en ny länk och öppna den i samma webbläsare.',
    },
  },
  home: {
    unnamed: 'Namnlös verksamhet',
    email: 'Inloggad som',
    roles: { owner: 'Ägare', accountant: 'Redovisningskonsult' },
    noWorkspace: 'Du är inte med i någon verksamhet ännu.',
  },
  profileNav: {
    label: 'Profilsidor',
    business: 'Företaget',
    accountants: 'Redovisningskonsult',
    security: 'Säkerhet',
    data: 'Mina data',
  },

  legal: {
    updated: 'Senast uppdaterad',
    swedishOnly: 'Den här texten finns bara på svenska.',
  },
  errors: {
    generic: 'Något gick fel. Försök igen om en stund.',
    invalidCredentials: 'Fel e-postadress eller lösenord.',
    userExists: 'Det finns redan ett konto med den e-postadressen.',
    weakPassword: 'Lösenordet är för svagt. Välj ett längre lösenord.',
    samePassword: 'Det nya lösenordet måste skilja sig från det gamla.',
    rateLimited: 'För många försök. Vänta en stund och försök igen.',
    emailNotConfirmed: 'Bekräfta din e-postadress via länken vi skickade innan du loggar in.',
    linkInvalid: 'Länken är ogiltig eller har gått ut. Begär en ny.',
    sessionExpired: 'Din session har gått ut. Logga in igen.',
    forbidden: 'Du har inte behörighet att göra det.',
    duplicate: 'Det finns redan en post med samma värde.',
    invalidValue: 'Ett av värdena är inte tillåtet.',
    missingReference: 'Posten hänvisar till något som inte finns.',
    retry: 'Försök igen',
    checkFields: 'Kontrollera fälten nedan.',
  },
  validation: {
    required: 'Fyll i fältet.',
    email: 'Ange en giltig e-postadress.',
    passwordMin: 'Lösenordet måste ha minst 8 tecken.',
    passwordMax: 'Lösenordet får ha högst 72 tecken.',
    passwordMismatch: 'Lösenorden stämmer inte överens.',
    tooLong: 'Texten är för lång.',
    invalid: 'Ogiltigt värde.',
    orgNumber: {
      format: 'Skriv organisationsnumret som NNNNNN-NNNN (tio siffror).',
      checksum: 'Organisationsnumret har fel kontrollsiffra. Kontrollera siffrorna.',
    },
    vatNumber: {
      format: 'Skriv momsregistreringsnumret som SE + tio siffror + 01, eller med ett annat EU-lands landskod.',
      checksum: 'Momsregistreringsnumret har fel kontrollsiffra. Kontrollera organisationsnumret i det.',
    },
    bankgiro: {
      format: 'Skriv bankgironumret som 123-4567 eller 1234-5678.',
      checksum: 'Bankgironumret har fel kontrollsiffra. Kontrollera siffrorna.',
    },
    plusgiro: {
      format: 'Skriv plusgironumret som 12345-6 (2–8 siffror).',
      checksum: 'Plusgironumret har fel kontrollsiffra. Kontrollera siffrorna.',
    },
    iban: {
      format: 'Ett IBAN börjar med landskod och två siffror, till exempel SE45 5000 0000 0583 9825 7466.',
      checksum: 'IBAN-numret stämmer inte (kontrollsiffrorna). Kontrollera siffrorna.',
    },
    bic: { format: 'BIC-koden har 8 eller 11 tecken, till exempel ESSESESS.', checksum: 'BIC-koden stämmer inte.' },
    ocr: {
      format: 'OCR-numret består av 2–25 siffror.',
      checksum: 'OCR-numret har fel kontrollsiffra.',
    },
    duration: 'Skriv tiden som 1:30, 1,5 eller 90m.',
    money: 'Skriv beloppet i kronor, till exempel 1 250 eller 1 250,50.',
  },
  // Feature catalogues (lib/i18n/messages/features/*.ts), one file per feature.
  ...dbMessages.sv,
  ...profileMessages.sv,
  ...mapMessages.sv,
  ...timeMessages.sv,
  ...dashboardMessages.sv,
  ...invoicesMessages.sv,
  ...accountantMessages.sv,
  ...privacyMessages.sv,
  ...importMessages.sv,
  ...collectionsMessages.sv,
  ...securityMessages.sv,
  ...reportsMessages.sv,
  ...mfaMessages.sv,
  ...accessMessages.sv,
} as const;
