// Issue 15: a page's database work is one transaction shared by layout, shell and page, in a few
// round trips (open and commit included). The app's pool is watched: every checkout is one
// transaction (only lib/request and lib/db check connections out), every query call one round trip.
import { createElement, type ComponentType, type ReactNode } from 'react';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, type SimulatedBrowser } from '../support/next-request';
import { renderServer } from '../support/render-server';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

let world: AppWorld;
let browser: SimulatedBrowser;
const counted = new WeakSet<pg.PoolClient>();
const counts = { transactions: 0, roundTrips: 0, statements: [] as string[] };

beforeAll(async () => {
  world = await startAppWorld();
  browser = await world.signedIn(world.owner);
  const { getPool } = await import('@/lib/db/pool');
  getPool().on('acquire', (client: pg.PoolClient) => {
    counts.transactions++;
    if (counted.has(client)) return;
    counted.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      counts.roundTrips++;
      counts.statements.push(
        String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text)
          .slice(0, 60)
          .replace(/\s+/g, ' '),
      );
      return query(...args);
    };
  });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

type Page = ComponentType<Record<string, unknown>>;
const mod = async (path: string) => ((await import(path)) as { default: Page }).default;

/** Renders layout › … › page as one request of the signed-in owner; what the pool saw. */
async function render(layouts: string[], page: string, props: Record<string, unknown> = {}) {
  const Page = await mod(page);
  let tree: ReactNode = createElement(Page, { searchParams: Promise.resolve({}), params: Promise.resolve({}), ...props });
  for (const layout of [...layouts].reverse()) tree = createElement(await mod(layout), null, tree);
  Object.assign(counts, { transactions: 0, roundTrips: 0, statements: [] });
  await asRequest(browser, () => renderServer(tree));
  // The transaction commits once nobody uses it (lib/request/transaction.ts): let it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const seen = { transactions: counts.transactions, roundTrips: counts.roundTrips };
  console.info(`${page}: ${JSON.stringify(seen)} ${JSON.stringify(counts.statements)}`);
  return seen;
}

describe('one transaction per page request', () => {
  it('the dashboard: one transaction, at most 3 round trips (open, the one statement, commit)', async () => {
    const seen = await render(['@/app/(app)/layout'], '@/app/(app)/page');
    expect(seen.transactions).toBe(1);
    expect(seen.roundTrips).toBeLessThanOrEqual(3);
  });

  it('the week grid: one transaction, at most 3 round trips', async () => {
    const seen = await render(['@/app/(app)/layout', '@/app/(app)/tid/layout'], '@/app/(app)/tid/vecka/page');
    expect(seen.transactions).toBe(1);
    expect(seen.roundTrips).toBeLessThanOrEqual(3);
  });

  it('the invoice list: one transaction, at most 3 round trips (totals, page and clients in one statement)', async () => {
    const seen = await render(['@/app/(app)/layout'], '@/app/(app)/fakturor/page');
    expect(seen.transactions).toBe(1);
    expect(seen.roundTrips).toBeLessThanOrEqual(3);
  });

  // Two short transactions, none held across the Storage fetch: the row is read before it, and the
  // download logged after the bytes proved genuine (a tampered file logs none; invoice-reads).
  it('the PDF download: a read before the Storage fetch and the log after it, three round trips each (open, statement, commit)', async () => {
    const { GET } = await import('@/app/api/invoices/[id]/pdf/route');
    Object.assign(counts, { transactions: 0, roundTrips: 0, statements: [] });
    const response = await asRequest(browser, () =>
      GET(new Request(`http://localhost/api/invoices/${world.ids.sentInvoiceId}/pdf`) as never, {
        params: Promise.resolve({ id: world.ids.sentInvoiceId }),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(response.status).toBe(200);
    expect(counts.transactions).toBe(2);
    expect(counts.roundTrips).toBeLessThanOrEqual(6);
  });
});
