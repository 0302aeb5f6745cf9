// The download routes of issue 16 as the browser calls them: the SIE
// file per fiscal year (named for it, .si), its refusal of the filters that made a partial file,
// the VAT return's CSV and the EC sales list's refusals, each in Swedish at the field concerned.
// Signed in as the owner (what the accountant reads is the same, as the database suites show).
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as ecList } from '@/app/api/exports/periodisk-sammanstallning.csv/route';
import { GET as vatCsv } from '@/app/api/exports/momsdeklaration.csv/route';
import { GET as sie } from '@/app/api/exports/sie/route';
import { startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, type SimulatedBrowser } from '../support/next-request';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

let world: AppWorld;
let browser: SimulatedBrowser;

beforeAll(async () => {
  world = await startAppWorld();
  browser = await world.signedIn(world.owner);
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

const get = (handler: (r: Request) => Promise<Response>, url: string) => {
  const request = browser.request(url, { method: 'GET' });
  return asRequest(browser, () => handler(request), request.headers);
};

describe('report and SIE downloads', () => {
  it('sends the fiscal year as an SIE 4I file named for it', async () => {
    const year = new Date().getFullYear();
    const res = await get(sie, `/api/exports/sie?year=${year}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sie-${year}-01-01_${year}-12-31.si"`);
    const text = iconv.decode(Buffer.from(await res.arrayBuffer()), 'cp437');
    expect(text).toContain(`#RAR 0 ${year}0101 ${year}1231\r\n`);
    expect(text.match(/^#VER "X" 1 /m)).not.toBeNull();
  });

  it('refuses filters and periods outside the year, in Swedish at the field', async () => {
    for (const filter of ['status=paid', 'kind=credit_note', `client=${world.ids.clientId}`]) {
      const res = await get(sie, `/api/exports/sie?${filter}`);
      expect(res.status, filter).toBe(400);
      expect(await res.json()).toEqual({
        error: 'SIE-filen gäller hela räkenskapsåret och kan inte filtreras på status, kund eller typ.',
        field: filter.split('=')[0],
      });
    }
    const outside = await get(sie, '/api/exports/sie?year=2025&from=2024-12-01');
    expect(outside.status).toBe(400);
    expect((await outside.json()).error).toBe('Perioden måste ligga inom ett räkenskapsår.');
    expect((await get(sie, '/api/exports/sie?year=abc')).status).toBe(400);
  });

  it('sends the VAT return as CSV and refuses a period it cannot read', async () => {
    const quarter = `${new Date().getFullYear()}-Q${Math.ceil((new Date().getMonth() + 1) / 3)}`;
    const res = await get(vatCsv, `/api/exports/momsdeklaration.csv?period=${quarter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="momsdeklaration-${quarter}.csv"`);
    const lines = (await res.text()).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('Ruta;Belopp;Underlag');
    expect(lines.slice(1, 10).map((l) => l.split(';')[0])).toEqual(['05', '10', '11', '12', '39', '40', '42', '48', '49']);
    const bad = await get(vatCsv, '/api/exports/momsdeklaration.csv?period=2026-Q5');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Ange en månad (2026-03), ett kvartal (2026-Q1) eller ett år (2026).', field: 'period' });
  });

  it('refuses the EC sales list for a year', async () => {
    const res = await get(ecList, '/api/exports/periodisk-sammanstallning.csv?period=2026');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Den periodiska sammanställningen lämnas per månad eller kvartal.', field: 'period' });
  });
});
