// auth.users rows and the user JSON GoTrue answers with (what supabase-js exposes as `User`).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { factorsJson } from './factors';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  phone: string | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  /** The address an email change waits to confirm ('' or null when none). */
  email_change: string | null;
  email_change_sent_at: Date | null;
  confirmation_sent_at: Date | null;
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, encrypted_password, email_confirmed_at, confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, phone, banned_until, deleted_at, is_anonymous,
  email_change, email_change_sent_at, confirmation_sent_at`;

/** Lower-cased and trimmed, as GoTrue stores emails. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where lower(email) = $1 and is_sso_user = false and deleted_at is null limit 1`,
    [normalizeEmail(email)],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string, lock = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export function appMetadata(user: UserRow): Record<string, unknown> {
  return user.raw_app_meta_data ?? { provider: 'email', providers: ['email'] };
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

/** The user object as GoTrue serialises it, identities included. */
export async function userJson(db: Queryable, user: UserRow): Promise<Record<string, unknown>> {
  const { rows } = await db.query<IdentityRow>(
    `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = $1 order by created_at`,
    [user.id],
  );
  const factors = await factorsJson(db, user.id);
  return { ...serializeUser(user, rows), ...(factors.length ? { factors } : {}) };
}

/**
 * A user that does not exist, shaped exactly like a new unconfirmed one: what the loser of two
 * sign-ups racing for one address is answered (accounts.ts), so the answer does not tell.
 * (Hosted Auth also leaves `identities` empty for a taken address, which tells; this does not.)
 */
export function lookalikeUserJson(email: string, userMetadata: Record<string, unknown>, at: Date): Record<string, unknown> {
  const id = randomUUID();
  const identityData = { sub: id, email, email_verified: false, phone_verified: false };
  const user: UserRow = {
    id,
    aud: 'authenticated',
    role: 'authenticated',
    email,
    encrypted_password: null,
    email_confirmed_at: null,
    confirmed_at: null,
    last_sign_in_at: null,
    raw_app_meta_data: null,
    raw_user_meta_data: { ...userMetadata, ...identityData },
    created_at: at,
    updated_at: at,
    phone: null,
    banned_until: null,
    deleted_at: null,
    is_anonymous: false,
    email_change: null,
    email_change_sent_at: null,
    confirmation_sent_at: at,
  };
  const identity: IdentityRow = {
    id: randomUUID(),
    provider_id: id,
    user_id: id,
    identity_data: identityData,
    provider: 'email',
    last_sign_in_at: null,
    created_at: at,
    updated_at: at,
    email,
  };
  return serializeUser(user, [identity]);
}

function serializeUser(user: UserRow, rows: IdentityRow[]): Record<string, unknown> {
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    ...(user.confirmation_sent_at ? { confirmation_sent_at: iso(user.confirmation_sent_at) } : {}),
    ...(user.email_change ? { new_email: user.email_change, email_change_sent_at: iso(user.email_change_sent_at) } : {}),
    phone: user.phone ?? '',
    confirmed_at: iso(user.confirmed_at ?? user.email_confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: appMetadata(user),
    user_metadata: user.raw_user_meta_data ?? {},
    identities: rows.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      last_sign_in_at: iso(identity.last_sign_in_at),
      created_at: iso(identity.created_at),
      updated_at: iso(identity.updated_at),
      email: identity.email ?? undefined,
    })),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    is_anonymous: user.is_anonymous,
  };
}
