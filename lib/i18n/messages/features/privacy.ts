// Texts of the privacy feature, Swedish first.
import { defineMessages } from '../define';

export const privacyMessages = defineMessages({ privacy: {} }, { privacy: {} });
