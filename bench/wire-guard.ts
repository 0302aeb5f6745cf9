// Cost of the embedded front door's statement guard (embedded/wire/guard.ts): a one-statement
// query through the front door as app_server (guarded) against the same query as the superuser
// (not guarded), once with a text the guard has seen (the app's case: the same statements over
// and over) and once with a new text each time (parsed). Also the guard alone, in microseconds.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { loadStatementGuard, refusalOf } from '../embedded/wire/guard';
import { openingText } from '../lib/db/transaction';
import { preparePgliteTemplate, startPgliteCopy } from '../tests/support/pglite';
import { emit, medianMs, round, sideBySide } from './support';

// The app's opening round trip (lib/db/transaction.ts), claims included, is the longest text it repeats.
const OPENING = openingText(
  {
    sub: '00000000-0000-0000-0000-000000000000',
    role: 'authenticated',
    aud: 'authenticated',
    session_id: '00000000-0000-0000-0000-000000000001',
    email: 'bench@example.test',
    exp: 1,
    iat: 0,
  } as { user_metadata?: unknown },
  { frame: true },
  (value) => `'${value.replace(/'/g, "''")}'`,
);

const template = await preparePgliteTemplate();
const copy = await startPgliteCopy(template);
const guarded = new pg.Client(copy.appUrl);
const unguarded = new pg.Client(copy.adminUrl);
await Promise.all([guarded.connect(), unguarded.connect()]);

let fresh = 0;
const cases: Record<string, (client: pg.Client) => Promise<unknown>> = {
  select_1_seen: (client) => client.query('select 1'),
  select_new_text: (client) => client.query(`select ${++fresh}`),
};
for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < 50; i++) {
    await run(guarded);
    await run(unguarded);
  }
  const r = await sideBySide(
    15,
    40,
    () => run(guarded),
    () => run(unguarded),
  );
  emit({ bench: 'wire_guard_front_door', query: name, guarded_ms: r.aMs, unguarded_ms: r.bMs, ratio: r.ratio });
}
await Promise.all([guarded.end(), unguarded.end()]);
await copy.stop();
rmSync(template, { force: true });

await loadStatementGuard();
let n = 0;
const perCall = async (fn: () => unknown) =>
  (await medianMs(15, async () => {
    for (let i = 0; i < 200; i++) fn();
  })) * 5; // 200 calls in ms → µs per call
emit({
  bench: 'wire_guard_alone',
  opening_seen_us: round(await perCall(() => refusalOf(OPENING))),
  opening_parsed_us: round(await perCall(() => refusalOf(`${OPENING} -- ${++n}`))),
});
