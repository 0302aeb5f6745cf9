// Sign-ins per second against the embedded Auth API, through supabase-js (bcrypt cost 10 dominates).
import { signUpConfirmed, startTestStandIn } from '../tests/support/stand-in';
import { emit, round } from './support';

const standIn = await startTestStandIn();
const email = 'bench-signin@example.test';
const password = 'bench-password-1';
await signUpConfirmed(standIn.client(), standIn.outbox, { email, password });

const n = 40;
const start = performance.now();
for (let i = 0; i < n; i++) {
  const { error: signInError } = await standIn.client().auth.signInWithPassword({ email, password });
  if (signInError) throw signInError;
}
const seconds = (performance.now() - start) / 1000;
emit({ bench: 'stand_in_sign_ins', sign_ins: n, seconds: round(seconds), per_second: round(n / seconds, 1) });
await standIn.stop();
