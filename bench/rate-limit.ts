// The shared rate limiter's cost per call on the embedded PGlite, through the app's login role:
// a successful sign-in's limits (three hits counted, then given back) and a reset's hit (two
// limits), side by side with a bare anon transaction.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { withAnonTransaction } from '../lib/db/transaction';
import { limitedPasswordAttempt } from '../lib/security/failed-sign-ins';
import { enforce, type Check } from '../lib/security/rate-limit';
import { preparePgliteTemplate, startPgliteCopy } from '../tests/support/pglite';
import { emit, sideBySide } from './support';

const copy = await startPgliteCopy(await preparePgliteTemplate());
const pool = new pg.Pool({ connectionString: copy.appUrl, max: 2 });
const bare = () => withAnonTransaction((tx) => tx.query('select 1'), { pool });
try {
  const email = `${randomUUID()}@example.test`;
  const signIn = () => limitedPasswordAttempt(email, async () => ({ wrongPassword: false, result: null }), { address: '192.0.2.1', pool });
  const check = await sideBySide(5, 40, signIn, bare);
  emit({
    bench: 'rate_limit_per_call',
    target: 'pglite',
    call: 'sign_in_accepted',
    limits: 3,
    ms: check.aMs,
    bare_transaction_ms: check.bMs,
    ratio: check.ratio,
  });
  // A fresh account each call, so the hit is counted rather than refused.
  const reset = (): Check[] => [
    ['resetPerAccount', `${randomUUID()}@example.test`],
    ['resetPerAddress', randomUUID()],
  ];
  const hit = await sideBySide(5, 40, () => enforce(reset(), { pool }), bare);
  emit({
    bench: 'rate_limit_per_call',
    target: 'pglite',
    call: 'reset_hit',
    limits: 2,
    ms: hit.aMs,
    bare_transaction_ms: hit.bMs,
    ratio: hit.ratio,
  });
} finally {
  await pool.end();
  await copy.stop();
}
