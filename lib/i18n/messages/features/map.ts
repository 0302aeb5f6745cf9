// Texts of the map feature, Swedish first.
import { defineMessages } from '../define';

export const mapMessages = defineMessages({ map: {} }, { map: {} });
