// Issue 13, finding 10: the app's rate limits live in Postgres (private.take_rate_limit), so every
// app server counts into the same windows; sign-in failures count per address and account, per
// account across addresses (a higher cap) and per address; record_failed_sign_in is no longer a
// door anyone can knock on for anyone.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ActionError } from '@/lib/actions/action';
import { limitedPasswordAttempt } from '@/lib/security/failed-sign-ins';
import { enforce, RATE_LIMITS, takeRateLimits, type Check } from '@/lib/security/rate-limit';
import { describeEachDatabase } from '../support/db';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (e: unknown) => (e instanceof ActionError ? e.key : ((e as { code?: string }).code ?? String(e))),
  );

describeEachDatabase('finding 10: shared rate limits', (db, target) => {
  // Two app servers: two pools of the app's login role on one database.
  let serverA: pg.Pool;
  let serverB: pg.Pool;
  beforeAll(() => {
    serverA = new pg.Pool({ connectionString: db().appUrl, max: 2 });
    serverB = new pg.Pool({ connectionString: db().appUrl, max: 2 });
  });
  afterAll(async () => {
    await serverA.end();
    await serverB.end();
  });

  it('finding 10: two app servers share one limit', async () => {
    const checks: Check[] = [['resetPerAccount', `${randomUUID()}@example.test`]];
    const answers: string[] = [];
    for (let i = 0; i < RATE_LIMITS.resetPerAccount.max + 2; i++)
      answers.push(await refusal(enforce(checks, { pool: i % 2 ? serverB : serverA })));
    expect(answers).toEqual([...Array(RATE_LIMITS.resetPerAccount.max).fill('allowed'), 'errors.rateLimited', 'errors.rateLimited']);
  });

  it('finding 10: concurrent hits from two servers are counted one after another, none lost', async () => {
    const checks: Check[] = [['resetPerAccount', `${randomUUID()}@example.test`]];
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => refusal(enforce(checks, { pool: i % 2 ? serverB : serverA }))));
    expect(answers.filter((a) => a === 'allowed')).toHaveLength(RATE_LIMITS.resetPerAccount.max);
    const { rows } = await db().admin.query<{ hits: number }>(
      `select hits from private.rate_limits where bucket like 'resetPerAccount:%' order by window_ends_at desc limit 1`,
    );
    expect(rows[0].hits).toBe(RATE_LIMITS.resetPerAccount.max + 1);
  });

  /** One password attempt through the app's limited path, from `address`; Auth's answer given. */
  const signIn = (email: string, address: string, wrongPassword: boolean, pool: pg.Pool) =>
    refusal(limitedPasswordAttempt(email, async () => ({ wrongPassword, result: null }), { address, pool }));

  it('finding 10: a client locked out of an account locks out neither another address nor the owner at another address', async () => {
    const victim = `${randomUUID()}@example.test`;
    const bystander = `${randomUUID()}@example.test`;
    for (let i = 0; i < RATE_LIMITS.signInFailuresPerAddressAndAccount.max; i++)
      expect(await signIn(victim, '203.0.113.7', true, serverA)).toBe('allowed');
    expect(await signIn(victim, '203.0.113.7', false, serverB)).toBe('errors.rateLimited');
    // The owner, from home; another account from the guesser's own address.
    expect(await signIn(victim, '198.51.100.20', false, serverB)).toBe('allowed');
    expect(await signIn(bystander, '203.0.113.7', false, serverB)).toBe('allowed');
  });

  it('finding 10: failures spread over many addresses reach the per-account cap, which is higher', async () => {
    const victim = `${randomUUID()}@example.test`;
    const perPair = RATE_LIMITS.signInFailuresPerAddressAndAccount.max;
    expect(RATE_LIMITS.signInFailuresPerAccount.max).toBeGreaterThan(perPair);
    const addresses = Math.ceil(RATE_LIMITS.signInFailuresPerAccount.max / perPair);
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < perPair; i++) await signIn(victim, `192.0.2.${a + 1}`, true, a % 2 ? serverB : serverA);
    }
    expect(await signIn(victim, '198.51.100.99', false, serverA)).toBe('errors.rateLimited');
  });

  it('finding 10: successful sign-ins give their hit back; only failures use the limit up', async () => {
    const email = `${randomUUID()}@example.test`;
    for (let i = 0; i < 30; i++) expect(await signIn(email, '192.0.2.200', false, i % 2 ? serverB : serverA)).toBe('allowed');
    for (let i = 0; i < RATE_LIMITS.signInFailuresPerAddressAndAccount.max; i++) await signIn(email, '192.0.2.200', true, serverA);
    expect(await signIn(email, '192.0.2.200', false, serverB)).toBe('errors.rateLimited');
    // The failures went into the account's security log (if it has one), bounded as before.
    const userId = await db().createUser();
    const {
      rows: [{ email: owner }],
    } = await db().admin.query(`select email from auth.users where id = $1`, [userId]);
    for (let i = 0; i < 3; i++) await signIn(owner, '192.0.2.201', true, serverA);
    const { rows } = await db().admin.query(
      `select count(*)::int as n from private.account_events where user_id = $1 and event = 'login_failed'`,
      [userId],
    );
    expect(rows[0].n).toBe(3);
  });

  it('finding 10: parallel guesses cannot slip past the limit between check and count', async () => {
    const email = `${randomUUID()}@example.test`;
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => signIn(email, '192.0.2.77', true, i % 2 ? serverB : serverA)));
    expect(answers.filter((a) => a === 'allowed')).toHaveLength(RATE_LIMITS.signInFailuresPerAddressAndAccount.max);
  });

  it('finding 10: a window that ended starts again, and expired windows are cleaned away', async () => {
    const checks: Check[] = [['signUpPerAccount', `${randomUUID()}@example.test`]];
    for (let i = 0; i < RATE_LIMITS.signUpPerAccount.max; i++) await enforce(checks, { pool: serverA });
    expect(await refusal(enforce(checks, { pool: serverB }))).toBe('errors.rateLimited');
    await db().admin.query(
      `update private.rate_limits set window_ends_at = now() - interval '1 second' where bucket like 'signUpPerAccount:%'`,
    );
    const stale = (
      await db().admin.query(`insert into private.rate_limits values ('stale:x', now() - interval '1 hour', 3) returning bucket`)
    ).rows;
    expect(stale).toHaveLength(1);
    expect(await refusal(enforce(checks, { pool: serverB }))).toBe('allowed');
    expect((await db().admin.query(`select 1 from private.rate_limits where bucket = 'stale:x'`)).rows).toEqual([]);
  });

  it('finding 10: the table holds no email or address in clear and is closed to every API role', async () => {
    const email = `${randomUUID()}@example.test`;
    await signIn(email, '203.0.113.50', true, serverA);
    const { rows } = await db().admin.query<{ bucket: string }>(`select bucket from private.rate_limits`);
    expect(JSON.stringify(rows)).not.toContain(email);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.50');
    for (const role of ['anon', 'authenticated', 'service_role'] as const) {
      const read = await db()
        .as(role, null, (c) => c.query(`select * from private.rate_limits`))
        .then(
          () => 'read',
          (e: { code?: string }) => e.code,
        );
      expect(read).toBe('42501');
      const write = await db()
        .as(role, null, (c) => c.query(`update private.rate_limits set hits = 0`))
        .then(
          () => 'wrote',
          (e: { code?: string }) => e.code,
        );
      expect(write).toBe('42501');
    }
    // Nonsense limits are refused, not stored.
    const bad = await db()
      .asAnon((c) => c.query(`select private.take_rate_limit('x', 0, 60, 1)`))
      .then(
        () => 'ran',
        (e: { code?: string }) => e.code,
      );
    expect(bad).toBe('22023');
  });

  it('finding 10: record_failed_sign_in is not reachable through the Data API (public) for someone else’s address', async () => {
    const userId = await db().createUser();
    const {
      rows: [{ email }],
    } = await db().admin.query(`select email from auth.users where id = $1`, [userId]);
    for (const role of ['anon', 'authenticated'] as const) {
      const direct = await db()
        .as(role, null, (c) => c.query(`select public.record_failed_sign_in($1)`, [email]))
        .then(
          () => 'ran',
          (e: { code?: string }) => e.code,
        );
      expect(direct).toBe('42883');
    }
    const { rows } = await db().admin.query(`select count(*)::int as n from private.account_events where user_id = $1`, [userId]);
    expect(rows[0].n).toBe(0);
  });

  it.runIf(target === 'pg15')('finding 10: one statement takes several limits without deadlocks under contention', async () => {
    const email = `${randomUUID()}@example.test`;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? serverB : serverA).connect().then(async (c) => {
          try {
            await c.query(`begin; set local role anon`);
            const limits: Check[] =
              i % 3
                ? [
                    ['resetPerAccount', email],
                    ['resetPerAddress', '192.0.2.1'],
                  ]
                : [
                    ['resetPerAddress', '192.0.2.1'],
                    ['resetPerAccount', email],
                  ];
            const allowed = await takeRateLimits(c, limits, 1);
            await c.query('commit');
            return allowed;
          } finally {
            c.release();
          }
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(RATE_LIMITS.resetPerAccount.max);
  });
});
