// auth.audit_log_entries rows in GoTrue's payload shape.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface AuditEvent {
  action: string;
  actorId: string | null;
  actorUsername: string | null;
  logType: 'account' | 'team' | 'user' | 'token' | 'factor';
  traits?: Record<string, unknown>;
  ip: string;
  at: Date;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The payload GoTrue writes; SQL that learns the actor itself overrides actor_id. */
export function auditPayload(event: Omit<AuditEvent, 'ip' | 'at'>) {
  return {
    action: event.action,
    actor_id: event.actorId ?? NIL_UUID,
    actor_username: event.actorUsername ?? '',
    actor_via_sso: false,
    log_type: event.logType,
    traits: event.traits ?? {},
  };
}

export async function audit(db: Pick<pg.PoolClient, 'query'>, event: AuditEvent) {
  const payload = auditPayload(event);
  await db.query(`insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ($1, $2, $3, $4, $5)`, [
    NIL_UUID,
    randomUUID(),
    JSON.stringify(payload),
    event.at,
    event.ip.slice(0, 64),
  ]);
}
