// Texts of the accountant feature, Swedish first.
import { defineMessages } from '../define';

export const accountantMessages = defineMessages({ accountant: {} }, { accountant: {} });
