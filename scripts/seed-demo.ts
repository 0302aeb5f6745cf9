// Generates a realistic dataset at scale for demos and benchmarks:
//   npx tsx scripts/seed-demo.ts --years 5 [--email skala@konsultverkstad.test] [--seed 1]
// DATABASE_URL must be a superuser URL. Per year about 10 new clients, 2 000 time entries and
// 120 invoices (5 years: 50 clients, 10 000 entries, 600 invoices), sent, paid and credited
// through the real SQL functions as the consultant, so numbering, snapshots and the audit chain
// are what the app would have produced. Rows are inserted in batches (unnest), one transaction
// per year.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { today as stockholmToday } from '../lib/time/week';

const { values } = parseArgs({
  options: {
    years: { type: 'string', default: '5' },
    email: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const years = Number(values.years);
if (!Number.isInteger(years) || years < 1 || years > 20) throw new Error('--years must be an integer from 1 to 20');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a superuser connection URL');

// Deterministic randomness (mulberry32) so a given --seed gives the same dataset.
let state = Number(values.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/**
 * send_invoice() dates every invoice the day it is sent, so a history is made after the fact: as
 * the operator, with triggers off for this one statement, the sent invoice is moved back to the
 * day it would have been sent (due date and sending time with it). Demo data only.
 */
async function backdate(client: pg.Client, id: string, day: string) {
  await client.query('set local session_replication_role = replica');
  await client.query(
    `update invoices set due_date = $2::date + (due_date - issue_date), issue_date = $2::date,
       sent_at = ($2::date + time '09:00') at time zone 'Europe/Stockholm' where id = $1`,
    [id, day],
  );
  await client.query('set local session_replication_role = origin');
}

const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

function withLuhn(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = digits + d;
    const sum = [...candidate].reverse().reduce((acc, c, i) => {
      let v = Number(c);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      return acc + v;
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const PREFIXES = [
  'Norr',
  'Söder',
  'Väster',
  'Öster',
  'Berg',
  'Sjö',
  'Skog',
  'Dal',
  'Ek',
  'Björk',
  'Lind',
  'Gran',
  'Strand',
  'Fjäll',
  'Ås',
  'Mo',
  'Ljung',
  'Hav',
];
const SUFFIXES = [
  'byggen',
  'data',
  'konsult',
  'logistik',
  'energi',
  'design',
  'media',
  'system',
  'teknik',
  'handel',
  'vård',
  'fastigheter',
];
const CITIES = ['Norrby', 'Söderköping', 'Västerby', 'Österlund', 'Bergvik', 'Sjöstad', 'Dalby', 'Ekeby'];
const PROJECTS = ['Kundportal', 'Integrationer', 'Datalager', 'Mobilapp', 'Säkerhetsgranskning', 'Molnflytt', 'Rapportering', 'Webbshop'];
const TASKS = ['Analys', 'Utveckling', 'Test', 'Driftsättning', 'Workshop', 'Dokumentation'];

interface Client {
  id: string;
  rate: number;
  termsDays: number;
  tasks: string[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function main() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    const userId = randomUUID();
    const email = values.email ?? `skala-${userId.slice(0, 8)}@konsultverkstad.test`;
    await client.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
          raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
          extensions.crypt('demo-losen-2026', extensions.gen_salt('bf', 10)), now(), '{"provider":"email","providers":["email"]}',
          '{"business_name":"Skalans Konsult"}', now(), now(), '', '', '', '')`,
      [userId, email],
    );
    await client.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
       values ($1::text, $2::uuid, jsonb_build_object('sub', $1::text, 'email', $3::text, 'email_verified', true), 'email', now(), now())`,
      [userId, userId, email],
    );
    const ws: string = (await client.query(`select workspace_id from workspace_members where user_id = $1`, [userId])).rows[0].workspace_id;
    const own = withLuhn('559998' + String(between(100, 999)));
    await client.query(
      `update business_profiles set legal_name = 'Skalans Konsult', org_number = $2, vat_number = $3, f_skatt = true,
          address_line1 = 'Skalvägen 1', postal_code = '123 45', city = 'Ekby', bankgiro = $4, default_hourly_rate_ore = 95000
        where workspace_id = $1`,
      [
        ws,
        `${own.slice(0, 6)}-${own.slice(6)}`,
        `SE${own}01`,
        (() => {
          const b = withLuhn('999' + String(between(100, 999)));
          return `${b.slice(0, 3)}-${b.slice(3)}`;
        })(),
      ],
    );

    const clients: Client[] = [];
    // The last generated month is this one (Europe/Stockholm), with hours up to today.
    const today = new Date(`${stockholmToday()}T12:00:00Z`);
    const start = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth() + 1, 1));
    let invoices = 0;
    let entries = 0;
    let orgCounter = 0;

    for (let year = 0; year < years; year++) {
      await client.query('begin');
      await client.query(`select set_config('request.jwt.claims', $1, true), set_config('app.workspace_id', $2, true)`, [
        JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated', email }),
        ws,
      ]);

      // About ten new clients a year, each with two projects of two tasks.
      const nodeRows: [string, string | null, string, string][] = [];
      const detailRows: [string, string, string, string, string, number, number][] = [];
      for (let i = 0; i < 10; i++) {
        const id = randomUUID();
        const name = `${pick(PREFIXES)}${pick(SUFFIXES)} ${pick(['AB', 'Aktiebolag', 'HB'])}`;
        const org = withLuhn(`5569${String(orgCounter++).padStart(5, '0')}`);
        nodeRows.push([id, null, 'client', name]);
        const tasks: string[] = [];
        for (const project of [pick(PROJECTS), pick(PROJECTS)]) {
          const projectId = randomUUID();
          nodeRows.push([projectId, id, 'project', project]);
          for (const task of [pick(TASKS), pick(TASKS)]) {
            const taskId = randomUUID();
            nodeRows.push([taskId, projectId, 'task', task]);
            tasks.push(taskId);
          }
        }
        nodeRows.push([randomUUID(), id, 'note', 'Anteckningar']);
        const rate = between(80, 130) * 1000;
        const terms = pick([10, 15, 20, 30]);
        detailRows.push([id, name, `${org.slice(0, 6)}-${org.slice(6)}`, `SE${org}01`, pick(CITIES), rate, terms]);
        clients.push({ id, rate, termsDays: terms, tasks });
      }
      await client.query(
        `insert into nodes (id, workspace_id, parent_id, kind, title, position_x, position_y)
         select x.id, $1, x.parent, x.kind, x.title, (random() * 2000)::int, (random() * 2000)::int
           from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) x(id, parent, kind, title)`,
        [ws, nodeRows.map((r) => r[0]), nodeRows.map((r) => r[1]), nodeRows.map((r) => r[2]), nodeRows.map((r) => r[3])],
      );
      await client.query(
        `insert into client_details (node_id, workspace_id, name, org_number, vat_number, address_line1, postal_code, city,
            payment_terms_days, default_hourly_rate_ore)
         select x.id, $1, x.name, x.org, x.vat, 'Företagsgatan ' || (random() * 90 + 1)::int, '111 22', x.city, x.terms, x.rate
           from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bigint[])
                x(id, name, org, vat, city, terms, rate)`,
        [ws, ...[0, 1, 2, 3, 4, 6, 5].map((k) => detailRows.map((r) => r[k]))],
      );

      for (let m = 0; m < 12; m++) {
        const monthStart = new Date(Date.UTC(start.getUTCFullYear() + year, start.getUTCMonth() + m, 1));
        const monthEnd = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0));
        const lastDay = Math.min(monthEnd.getUTCDate(), monthEnd > today ? today.getUTCDate() : monthEnd.getUTCDate());
        const days = Array.from(
          { length: lastDay },
          (_, d) => new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), d + 1)),
        );
        const weekdays = days.filter((d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6);
        const isLastMonth = year === years - 1 && m === 11;
        // ~167 entries a month spread over the active clients' weekdays.
        const active = clients.slice(-Math.min(clients.length, 12));
        const perClient = new Map<Client, { id: string; date: string; minutes: number; task: string }[]>();
        for (let i = 0; i < 167; i++) {
          const c = pick(active);
          const day = pick(weekdays.length ? weekdays : days);
          const list = perClient.get(c) ?? [];
          list.push({ id: randomUUID(), date: iso(day), minutes: between(4, 32) * 15, task: pick(c.tasks) });
          perClient.set(c, list);
        }
        // One invoice per client and month (~10), billing that month's hours.
        const inv: { id: string; client: Client; issue: string }[] = [];
        const lineIds: string[] = [];
        const lineInvoices: string[] = [];
        const lineQty: string[] = [];
        const lineRates: number[] = [];
        const entryRows: { id: string; node: string; date: string; minutes: number; rate: number; line: string | null }[] = [];
        const billed = [...perClient.entries()].slice(0, 10);
        for (const [c, list] of perClient) {
          const invoiceThis = billed.some(([bc]) => bc === c) && !(isLastMonth && random() < 0.5);
          let line: string | null = null;
          if (invoiceThis) {
            const id = randomUUID();
            line = randomUUID();
            const issue = new Date(Date.UTC(monthEnd.getUTCFullYear(), monthEnd.getUTCMonth(), monthEnd.getUTCDate() + 1));
            inv.push({ id, client: c, issue: iso(issue) });
            lineIds.push(line);
            lineInvoices.push(id);
            lineQty.push((list.reduce((s, e) => s + e.minutes, 0) / 60).toFixed(2));
            lineRates.push(c.rate);
          }
          for (const e of list) entryRows.push({ id: e.id, node: e.task, date: e.date, minutes: e.minutes, rate: c.rate, line });
        }
        await client.query(
          `insert into invoices (id, workspace_id, client_node_id, issue_date, period_start, period_end)
           select x.id, $1, x.client, x.issue, $5, $6 from unnest($2::uuid[], $3::uuid[], $4::date[]) x(id, client, issue)`,
          [ws, inv.map((i) => i.id), inv.map((i) => i.client.id), inv.map((i) => i.issue), iso(monthStart), iso(monthEnd)],
        );
        await client.query(
          `insert into invoice_lines (id, workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
           select x.id, $1, x.invoice, 1, 'Konsulttjänster ' || to_char($6::date, 'YYYY-MM'), x.qty, 'h', x.rate, 25
             from unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::bigint[]) x(id, invoice, qty, rate)`,
          [ws, lineIds, lineInvoices, lineQty, lineRates, iso(monthStart)],
        );
        await client.query(
          `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, invoice_line_id)
           select x.id, $1, x.node, x.day, x.minutes, x.rate, 'Konsultarbete', x.line
             from unnest($2::uuid[], $3::uuid[], $4::date[], $5::int[], $6::bigint[], $7::uuid[]) x(id, node, day, minutes, rate, line)`,
          [ws, ...(['id', 'node', 'date', 'minutes', 'rate', 'line'] as const).map((k) => entryRows.map((e) => e[k]))],
        );
        entries += entryRows.length;

        // Send in issue order (gapless, chronological numbers); most older invoices are paid,
        // every 25th is credited in full.
        for (const i of inv) {
          if (new Date(i.issue) > today || (isLastMonth && random() < 0.4)) continue; // stays a draft
          await client.query(`select send_invoice($1)`, [i.id]);
          await backdate(client, i.id, i.issue);
          invoices++;
          const ageDays = (today.getTime() - new Date(i.issue).getTime()) / 86_400_000;
          if (invoices % 25 === 0) {
            const { rows } = await client.query(`select create_credit_note($1) as id`, [i.id]);
            await client.query(`select send_invoice($1)`, [rows[0].id]);
            await backdate(client, rows[0].id, i.issue);
          } else if (ageDays > i.client.termsDays + 5) {
            const paid = new Date(new Date(i.issue).getTime() + between(5, i.client.termsDays + 5) * 86_400_000);
            await client.query(`select record_payment(id, total_ore, $2, 'bankgiro') from invoices where id = $1`, [i.id, iso(paid)]);
          }
        }
      }
      await client.query('commit');
      console.log(
        JSON.stringify({
          year: year + 1,
          clients: clients.length,
          entries,
          invoicesSent: invoices,
          seconds: (Date.now() - started) / 1000,
        }),
      );
    }
    const { rows } = await client.query(`select count(*)::int as broken from verify_audit_chain($1)`, [ws]);
    console.log(
      JSON.stringify({
        email,
        password: 'demo-losen-2026',
        workspaceId: ws,
        clients: clients.length,
        entries,
        invoicesSent: invoices,
        auditChainIntact: rows[0].broken === 0,
      }),
    );
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

await main();
