// Issue 13, finding 14: sign-up and recovery must take as long for an address that has an account
// as for one that does not (with confirmations on, as hosted). Measured side by side through
// supabase-js against the stand-in; a ratio near 1 means the timing tells nothing. (The tests
// assert only that the answers are the same: tests never assert on wall-clock time.)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { signUpConfirmed, startTestStandIn } from '../tests/support/stand-in';
import { emit, sideBySide } from './support';

const standIn = await startTestStandIn();
const admin = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
const password = 'bench-lösenord-1';
const taken = `bench-taken-${randomUUID().slice(0, 8)}@example.test`;
await signUpConfirmed(standIn.client(), standIn.outbox, { email: taken, password });

const rounds = 5;
const perRound = 3;
const signUp = async (email: string) => {
  const { error } = await standIn.client().auth.signUp({ email, password: 'ett annat lösenord' });
  if (error) throw error;
};
const signUps = await sideBySide(
  rounds,
  perRound,
  () => signUp(taken),
  () => signUp(`bench-new-${randomUUID()}@example.test`),
);
emit({ bench: 'sign_up_taken_vs_new_address', taken_ms: signUps.aMs, new_ms: signUps.bMs, ratio: signUps.ratio });

// Recovery is limited per address (5 an hour): each request asks for another known account.
const known: string[] = [];
for (let i = 0; i < rounds * perRound; i++) {
  const email = `bench-known-${i}-${randomUUID().slice(0, 8)}@example.test`;
  await admin.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '', now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
    [randomUUID(), email],
  );
  known.push(email);
}
const recover = async (email: string) => {
  const { error } = await standIn.client().auth.resetPasswordForEmail(email);
  if (error) throw error;
};
const recoveries = await sideBySide(
  rounds,
  perRound,
  () => recover(known.pop()!),
  () => recover(`bench-unknown-${randomUUID()}@example.test`),
);
emit({ bench: 'recovery_known_vs_unknown_address', known_ms: recoveries.aMs, unknown_ms: recoveries.bMs, ratio: recoveries.ratio });

await admin.end();
await standIn.stop();
