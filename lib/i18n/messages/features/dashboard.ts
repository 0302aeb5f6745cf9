// Texts of the dashboard feature, Swedish first.
import { defineMessages } from '../define';

export const dashboardMessages = defineMessages(
  {
    dashboard: {
      title: 'Översikt',
      logTime: 'Logga tid',
      stats: {
        week: 'Timmar denna vecka',
        month: 'Timmar denna månad',
        unbilled: 'Ofakturerat',
        unbilledHours: '{hours} att fakturera',
        outstanding: 'Obetalda fakturor',
        outstandingCount: '{count} st',
        overdue: '{count} förfallna, {amount}',
        noneOverdue: 'Inga förfallna',
      },
      unbilled: {
        title: 'Ofakturerad tid per kund',
        client: 'Kund',
        hours: 'Timmar',
        amount: 'Belopp (exkl. moms)',
        empty: 'All debiterbar tid är fakturerad.',
        invoice: 'Till fakturor',
      },
      chart: {
        title: 'Timmar per vecka',
        subtitle: 'De senaste 12 veckorna',
        billable: 'Debiterbart',
        other: 'Ej debiterbart',
        week: 'v. {week}',
        hours: '{hours} tim',
      },
      profileIncomplete: 'Din företagsprofil saknar uppgifter som fakturor behöver.',
      completeProfile: 'Fyll i profilen',
    },
  },
  {
    dashboard: {
      title: 'Overview',
      logTime: 'Log time',
      stats: {
        week: 'Hours this week',
        month: 'Hours this month',
        unbilled: 'Unbilled',
        unbilledHours: '{hours} to invoice',
        outstanding: 'Unpaid invoices',
        outstandingCount: '{count} unpaid',
        overdue: '{count} overdue, {amount}',
        noneOverdue: 'None overdue',
      },
      unbilled: {
        title: 'Unbilled time per client',
        client: 'Client',
        hours: 'Hours',
        amount: 'Amount (excl. VAT)',
        empty: 'All billable time is invoiced.',
        invoice: 'Go to invoices',
      },
      chart: {
        title: 'Hours per week',
        subtitle: 'The last 12 weeks',
        billable: 'Billable',
        other: 'Not billable',
        week: 'w. {week}',
        hours: '{hours} h',
      },
      profileIncomplete: 'Your business profile is missing details that invoices need.',
      completeProfile: 'Complete the profile',
    },
  },
);
