// Issue 16: time and peak memory of the SIE export (one file per fiscal year), the VAT return and
// the EC sales list on the 5-year demo dataset, under both bookkeeping methods. The vouchers are
// read through a cursor, so memory stays flat in the number of invoices: the ledger of one year
// and of all five grow live memory alike, and so do a quarter's and a year's VAT return.
import pg from 'pg';
import { withUserTransaction } from '../lib/db/transaction';
import { readBookkeepingSettings } from '../lib/exports/sie/accounts';
import { buildSieExport } from '../lib/exports/sie/export';
import { ledgerVouchers } from '../lib/exports/sie/ledger';
import { ecSalesList } from '../lib/reports/ec-sales-list';
import { parsePeriodCode } from '../lib/reports/periods';
import { vatReturn } from '../lib/reports/vat-return';
import { benchClaims, emit, measureMemory, seedDemo, startStandInChild } from './support';

const { child, standIn } = await startStandInChild();

try {
  const data = await seedDemo(standIn.dbUrl, 5, 'rapporter@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
  const { rows: owner } = await pool.query(`select user_id from workspace_members where workspace_id = $1 and role = 'owner'`, [
    data.workspaceId,
  ]);
  const claims = await benchClaims(pool, owner[0].user_id);
  const asOwner = <T>(fn: (tx: pg.PoolClient) => Promise<T>) => withUserTransaction(claims, (tx) => fn(tx), { pool });
  const { rows: span } = await pool.query(
    `select min(issue_date)::text as first, max(issue_date)::text as last, count(*)::int as documents,
            (select count(*)::int from invoice_payments where workspace_id = $1) as payments
       from invoices where workspace_id = $1 and status <> 'draft'`,
    [data.workspaceId],
  );
  const { first, last } = span[0];
  emit({ bench: 'reports_dataset', documents: span[0].documents, payments: span[0].payments, first, last });
  const lastYear = Number(last.slice(0, 4));
  const years = Array.from({ length: lastYear - Number(first.slice(0, 4)) + 1 }, (_, i) => Number(first.slice(0, 4)) + i);

  for (const method of ['invoice', 'cash'] as const) {
    await asOwner((tx) =>
      tx.query(
        `insert into sie_accounts (workspace_id, bookkeeping_method) values ($1, $2)
         on conflict (workspace_id) do update set bookkeeping_method = excluded.bookkeeping_method`,
        [data.workspaceId, method],
      ),
    );
    for (const year of [years[0], lastYear]) {
      const sie = await measureMemory(() => asOwner((tx) => buildSieExport(tx, data.workspaceId, { year })));
      emit({
        bench: 'sie_export',
        method,
        fiscal_year: year,
        vouchers: sie.value.count,
        kb: Math.round(sie.value.bytes.length / 100) / 10,
        ms: sie.ms,
        rss_growth_mb: sie.rss_growth_mb,
        live_growth_mb: sie.live_growth_mb,
      });
    }
    // The ledger alone (nothing kept), over one year and over all five: flat memory shows as the same growth.
    for (const period of [
      { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` },
      { from: first, to: last },
    ]) {
      const r = await measureMemory(() =>
        asOwner(async (tx) => {
          const settings = await readBookkeepingSettings(tx, data.workspaceId);
          let n = 0;
          for await (const v of ledgerVouchers(tx, settings, period)) n += v.transactions.length > 0 ? 1 : 0;
          return n;
        }),
      );
      emit({
        bench: 'ledger_stream',
        method,
        period: `${period.from}..${period.to}`,
        vouchers: r.value,
        ms: r.ms,
        live_growth_mb: r.live_growth_mb,
      });
    }
    for (const code of [`${lastYear}-Q1`, String(lastYear - 1)]) {
      const r = await measureMemory(() => asOwner((tx) => vatReturn(tx, data.workspaceId, parsePeriodCode(code, 1)!)));
      emit({
        bench: 'vat_return',
        method,
        period: code,
        box05_kr: r.value.boxes['05'].kronor,
        box49_kr: r.value.boxes['49'].kronor,
        ms: r.ms,
        rss_growth_mb: r.rss_growth_mb,
        live_growth_mb: r.live_growth_mb,
      });
    }
  }
  for (const code of [`${lastYear}-Q1`, `${lastYear - 1}-Q4`]) {
    const r = await measureMemory(() => asOwner((tx) => ecSalesList(tx, data.workspaceId, parsePeriodCode(code, 1)!)));
    emit({ bench: 'ec_sales_list', period: code, buyers: r.value.rows.length, ms: r.ms, live_growth_mb: r.live_growth_mb });
  }
  await pool.end();
} finally {
  child.kill('SIGTERM');
}
