// Texts about who may be where: the page for a user without a workspace (an accountant whose
// access was removed) or on an owner's page, and the notice on the shared demo account.
import { defineMessages } from '../define';

export const accessMessages = defineMessages(
  {
    access: {
      title: 'Ingen åtkomst',
      none: {
        title: 'Du har ingen åtkomst till något företag just nu',
        body: 'Om du var redovisningskonsult åt en konsult har hen tagit bort din åtkomst. Be hen bjuda in dig igen om du fortfarande ska ha den.',
        own: 'Driver du själv ett företag? Starta en egen arbetsyta för dina kunder, din tid och dina fakturor.',
        start: 'Starta eget företag',
        starting: 'Startar …',
      },
      ownerOnly: {
        title: 'Sidan är bara för företagets ägare',
        body: 'Som redovisningskonsult läser du fakturor och exportfiler i portalen; kartan, tiden, importen och nya fakturor är ägarens.',
        toPortal: 'Till portalen',
      },
    },
    demo: {
      notice:
        'Det här är det delade demokontot: alla som provar demon loggar in här och ser och ändrar samma uppgifter. Skriv inget privat, och skapa ett eget konto för riktiga kunder.',
    },
  },
  {
    access: {
      title: 'No access',
      none: {
        title: 'You have no access to any business right now',
        body: 'If you were the accountant of a consultant, they have removed your access. Ask them to invite you again if you should still have it.',
        own: 'Do you run a business yourself? Start your own workspace for your clients, your time and your invoices.',
        start: 'Start my own business',
        starting: 'Starting …',
      },
      ownerOnly: {
        title: 'This page is for the owner of the business only',
        body: 'As the accountant you read invoices and export files in the portal; the map, time, import and new invoices are the owner’s.',
        toPortal: 'To the portal',
      },
    },
    demo: {
      notice:
        'This is the shared demo account: everyone who tries the demo signs in here and sees and changes the same data. Write nothing private, and create your own account for real clients.',
    },
  },
);
