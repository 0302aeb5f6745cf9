// Email-link tokens and reauthentication nonces in auth.one_time_tokens: random, stored only as
// their SHA-256, one live token per user and type, deleted when used, expiring after 24 hours
// (the privacy notice promises exactly that for email-link tokens).
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';

type Db = Pick<pg.PoolClient, 'query'>;

export const TOKEN_HOURS = 24;

export type TokenType =
  'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current' | 'reauthentication_token';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A link token: 43 base64url characters. */
export const newLinkToken = () => randomBytes(32).toString('base64url');

/** A link token, or for reauthentication a six-digit code to type in. */
function newToken(type: TokenType): string {
  return type === 'reauthentication_token' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : newLinkToken();
}

/**
 * Replaces the user's live token of this type with a new one and returns it (only its hash is
 * kept). `prefix` marks the flow a link belongs to (pkce.ts), as part of the token itself.
 */
export async function issueToken(db: Db, userId: string, type: TokenType, relatesTo: string, at: Date, prefix = ''): Promise<string> {
  const token = `${prefix}${newToken(type)}`;
  // A nonce is short: it is hashed with the address it was sent to, as GoTrue does.
  const stored = type === 'reauthentication_token' ? hashToken(`${relatesTo}${token}`) : hashToken(token);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, $5, ($6::timestamptz at time zone 'UTC'), ($6::timestamptz at time zone 'UTC'))
     on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
       created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [randomUUID(), userId, type, stored, relatesTo, at],
  );
  return token;
}

export interface Redeemed {
  userId: string;
  type: TokenType;
  relatesTo: string;
}

/** Deletes the token whether fresh or expired, so it never works twice; null unless it was fresh. */
export async function consumeToken(db: Db, tokenHash: string, types: TokenType[], at: Date, userId?: string): Promise<Redeemed | null> {
  const { rows } = await db.query<{ user_id: string; token_type: TokenType; relates_to: string; fresh: boolean }>(
    `delete from auth.one_time_tokens
      where token_hash = $1 and token_type = any($2::auth.one_time_token_type[]) and ($5::uuid is null or user_id = $5)
      returning user_id, token_type::text, relates_to,
                created_at > ($3::timestamptz at time zone 'UTC') - make_interval(hours => $4) as fresh`,
    [tokenHash, types, at, TOKEN_HOURS, userId ?? null],
  );
  const row = rows[0];
  return row?.fresh ? { userId: row.user_id, type: row.token_type, relatesTo: row.relates_to } : null;
}

export async function hasToken(db: Db, userId: string, type: TokenType): Promise<boolean> {
  const { rowCount } = await db.query(`select 1 from auth.one_time_tokens where user_id = $1 and token_type = $2`, [userId, type]);
  return rowCount === 1;
}
