// `npm run interest:reference-rate -- 2026-07-01 1.75 "Riksbanken, referensränta"`: records
// Riksbanken's reference rate for the half-year starting on the date (1 January or 1 July), which
// late-payment interest (räntelagen 9 §) is computed from. There is no network lookup: the operator
// enters each new half-year as Riksbanken publishes it. Targets ADMIN_DATABASE_URL, else the
// running embedded stand-in.
import pg from 'pg';
import { z } from 'zod';
import { readStatus } from '../embedded/local';

const args = z
  .tuple([
    z.string().regex(/^\d{4}-(01|07)-01$/, 'the half-year starts on YYYY-01-01 or YYYY-07-01'),
    z.string().regex(/^-?\d{1,2}([.,]\d{1,2})?$/, 'the rate in percent, e.g. 1.75'),
    z.string().min(1).default('Riksbanken, referensränta'),
  ])
  .safeParse([process.argv[2], process.argv[3], process.argv[4] ?? undefined]);
if (!args.success) {
  console.error(
    `Usage: npm run interest:reference-rate -- YYYY-01-01|YYYY-07-01 RATE_PERCENT [SOURCE]\n${args.error.issues.map((i) => i.message).join('\n')}`,
  );
  process.exit(2);
}
const [validFrom, percent, source] = args.data;
// Basis points from the decimal text, never through a float: "-0,25" → -25.
const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(percent)!;
const bp = (sign ? -1 : 1) * (Number(whole) * 100 + Number(fraction.padEnd(2, '0')));

const dbUrl = process.env.ADMIN_DATABASE_URL ?? readStatus()?.dbUrl;
if (!dbUrl) {
  console.error('Set ADMIN_DATABASE_URL, or start `npm run dev`.');
  process.exit(1);
}
const client = new pg.Client({ connectionString: dbUrl });
await client.connect();
try {
  await client.query('select private.set_reference_rate($1::date, $2, $3)', [validFrom, bp, source]);
  console.log(JSON.stringify({ valid_from: validFrom, rate_bp: bp, source }));
} finally {
  await client.end();
}
