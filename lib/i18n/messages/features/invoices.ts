// Texts of the invoices feature, Swedish first.
import { defineMessages } from '../define';

export const invoicesMessages = defineMessages({ invoices: {} }, { invoices: {} });
