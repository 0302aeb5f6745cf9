// Texts of the dashboard feature, Swedish first.
import { defineMessages } from '../define';

export const dashboardMessages = defineMessages({ dashboard: {} }, { dashboard: {} });
