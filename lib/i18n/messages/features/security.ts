// Texts of Profil → Säkerhet's account forms (password and email change), Swedish first.
import { defineMessages } from '../define';

export const securityMessages = defineMessages(
  {
    security: {
      title: 'Säkerhet',
      password: {
        title: 'Byt lösenord',
        intro:
          'Har du loggat in för mer än tio minuter sedan skickar vi först en kod till din e-post, så att bara du kan byta lösenordet. Du loggas ut på dina andra enheter, och vi mejlar dig om bytet.',
        newPassword: 'Nytt lösenord',
        confirmPassword: 'Upprepa det nya lösenordet',
        code: 'Kod från mejlet',
        codeHint: 'Sex siffror. Behövs bara om vi har skickat en kod.',
        codeSent: 'Vi har skickat en kod till {email}. Skriv in den, ange det nya lösenordet igen och spara.',
        codeInvalid: 'Koden stämmer inte eller har gått ut. Be om en ny genom att spara utan kod.',
        codeFormat: 'Koden består av sex siffror.',
        submit: 'Spara nytt lösenord',
        pending: 'Sparar…',
        changed: 'Lösenordet är bytt. Dina andra enheter har loggats ut.',
      },
      email: {
        title: 'Byt e-postadress',
        current: 'Nuvarande adress: {email}',
        pending: 'Väntar på bekräftelse: {email}. Bytet görs när du har öppnat länkarna i mejlen till båda adresserna.',
        newEmail: 'Ny e-postadress',
        same: 'Det är redan din adress.',
        submit: 'Byt e-postadress',
        submitting: 'Skickar…',
        sent: 'Vi har skickat en länk till {email} och en till din nuvarande adress. Öppna båda för att byta.',
      },
    },
  },
  {
    security: {
      title: 'Security',
      password: {
        title: 'Change password',
        intro:
          'If you signed in more than ten minutes ago we first email you a code, so that only you can change the password. Your other devices are signed out, and we email you about the change.',
        newPassword: 'New password',
        confirmPassword: 'Repeat the new password',
        code: 'Code from the email',
        codeHint: 'Six digits. Only needed if we sent you a code.',
        codeSent: 'We sent a code to {email}. Enter it, type the new password again and save.',
        codeInvalid: 'The code is wrong or has expired. Save without a code to get a new one.',
        codeFormat: 'The code has six digits.',
        submit: 'Save new password',
        pending: 'Saving…',
        changed: 'Your password has been changed. Your other devices have been signed out.',
      },
      email: {
        title: 'Change email address',
        current: 'Current address: {email}',
        pending: 'Waiting for confirmation: {email}. The change is made once you have opened the links in the emails to both addresses.',
        newEmail: 'New email address',
        same: 'That is already your address.',
        submit: 'Change email address',
        submitting: 'Sending…',
        sent: 'We sent a link to {email} and one to your current address. Open both to make the change.',
      },
    },
  },
);
