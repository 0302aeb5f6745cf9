// The user's security log (public.my_security_log): Auth's entries about them, the app's account
// events (export, deletion, restore) and access changes to their workspaces.
import type { RequestTx } from '@/lib/request/context';
import { isMessageKey, type MessageKey } from '@/lib/i18n/catalogue';

export interface SecurityEvent {
  occurredAt: Date;
  source: 'auth' | 'app' | 'access';
  action: string;
  ipAddress: string | null;
}

export async function securityLog(run: RequestTx, limit = 100): Promise<SecurityEvent[]> {
  const { rows } = await run((tx) =>
    tx.query<{ occurred_at: Date; source: SecurityEvent['source']; action: string; ip_address: string | null }>(
      `select occurred_at, source, action, ip_address from public.my_security_log($1)`,
      [limit],
    ),
  );
  return rows.map((r) => ({ occurredAt: r.occurred_at, source: r.source, action: r.action, ipAddress: r.ip_address }));
}

/** The label of an event; unknown Auth actions fall back to a generic one. */
export function securityEventLabel(action: string): MessageKey {
  const key = `privacy.log.actions.${action}`;
  if (isMessageKey(key)) return key;
  return action.includes('invitation') ? 'privacy.log.actions.invitation' : 'privacy.log.actions.other';
}
