// bcrypt password hashes, as GoTrue stores them. bcryptjs also verifies the `$2a$` hashes that
// pgcrypto's crypt(..., gen_salt('bf', 10)) writes, which seed data uses at the same cost.
import bcrypt from 'bcryptjs';
import { errors } from './errors';

/** GoTrue's bcrypt cost; seed data hashes at the same cost. */
export const BCRYPT_COST = 10;
// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const target = hash && hash.startsWith('$2') ? hash : DUMMY_HASH;
  const ok = await bcrypt.compare(password, target);
  return ok && target !== DUMMY_HASH;
}

/** GoTrue's default policy: only a minimum length. bcrypt reads at most 72 bytes. */
export function checkPasswordStrength(password: string, minLength: number) {
  if ([...password].length < minLength) throw errors.weakPassword(minLength);
  if (Buffer.byteLength(password) > 72) throw errors.validation('Password cannot be longer than 72 characters');
}
