// A session's authenticator assurance: the methods it proved (auth.mfa_amr_claims, one row per
// method, its time refreshed when proved again) and the level they add up to. GoTrue derives the
// access token's `aal` and `amr` from these rows on every grant, so a refresh keeps what a second
// step won and a removed factor takes it away.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

type Db = Pick<pg.PoolClient, 'query'>;

export type Aal = 'aal1' | 'aal2';

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export interface Assurance {
  aal: Aal;
  /** Most recent first, as GoTrue orders them. */
  amr: AmrEntry[];
}

/** Methods that are a second factor: a session that proved one is at aal2. */
const SECOND_FACTORS = new Set(['totp', 'mfa/phone', 'mfa/webauthn']);

/** Records that the session proved `method` now (GoTrue's AddClaimToSession). */
export async function addClaim(db: Db, sessionId: string, method: string, at: Date) {
  await db.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method) values ($1, $2, $3, $3, $4)
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = excluded.updated_at`,
    [randomUUID(), sessionId, at, method],
  );
}

/** What the session's claims add up to. */
export async function sessionAssurance(db: Db, sessionId: string): Promise<Assurance> {
  const { rows } = await db.query<{ method: string; at: Date }>(
    `select authentication_method as method, updated_at as at from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
    [sessionId],
  );
  return {
    aal: rows.some((r) => SECOND_FACTORS.has(r.method)) ? 'aal2' : 'aal1',
    amr: rows.map((r) => ({ method: r.method, timestamp: Math.floor(r.at.getTime() / 1000) })),
  };
}
