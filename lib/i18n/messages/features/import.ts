// Texts of the import feature, Swedish first.
import { defineMessages } from '../define';

export const importMessages = defineMessages({ import: {} }, { import: {} });
