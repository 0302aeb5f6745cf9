// Texts of the profile feature, Swedish first.
import { defineMessages } from '../define';

export const profileMessages = defineMessages({ profile: {} }, { profile: {} });
