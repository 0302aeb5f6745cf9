// Texts of the time feature, Swedish first.
import { defineMessages } from '../define';

export const timeMessages = defineMessages({ time: {} }, { time: {} });
