// auth.mfa_factors rows and the factor JSON GoTrue answers with (in the user object and on
// enrolment). The secret is never part of it: it leaves the stand-in once, in the enrolment answer.
import type pg from 'pg';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface FactorRow {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: 'totp' | 'phone' | 'webauthn';
  status: 'unverified' | 'verified';
  created_at: Date;
  updated_at: Date;
  secret: string | null;
  last_challenged_at: Date | null;
}

const FACTOR_COLUMNS = `id, user_id, friendly_name, factor_type::text, status::text, created_at, updated_at, secret, last_challenged_at`;

export async function userFactors(db: Queryable, userId: string): Promise<FactorRow[]> {
  const { rows } = await db.query<FactorRow>(`select ${FACTOR_COLUMNS} from auth.mfa_factors where user_id = $1 order by created_at`, [
    userId,
  ]);
  return rows;
}

/** The user's factor, locked for the rest of the transaction when asked (verify: one code at a time). */
export async function ownedFactor(db: Queryable, userId: string, factorId: string, lock = false): Promise<FactorRow | null> {
  const { rows } = await db.query<FactorRow>(
    `select ${FACTOR_COLUMNS} from auth.mfa_factors where id = $1 and user_id = $2${lock ? ' for update' : ''}`,
    [factorId, userId],
  );
  return rows[0] ?? null;
}

export function factorJson(factor: FactorRow): Record<string, unknown> {
  return {
    id: factor.id,
    created_at: factor.created_at.toISOString(),
    updated_at: factor.updated_at.toISOString(),
    status: factor.status,
    ...(factor.friendly_name ? { friendly_name: factor.friendly_name } : {}),
    factor_type: factor.factor_type,
    phone: null,
    last_challenged_at: factor.last_challenged_at?.toISOString() ?? null,
  };
}

export async function factorsJson(db: Queryable, userId: string): Promise<Record<string, unknown>[]> {
  return (await userFactors(db, userId)).map(factorJson);
}
