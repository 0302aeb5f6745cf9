// Every page of the app (owner pages, the accountant's portal, auth and legal pages) at a phone
// (390×844) and a desktop (1366×768), light and dark: nothing scrolls sideways (on the phone also at
// 360 and 414 px), axe-core finds no serious or critical violation, and a screenshot of each page is
// kept in test-results/pages/ (git-ignored) to look at. One app, one browser, seeded with the demo
// workspace, so the pages show real lists, invoices and charts.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../embedded/demo';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, 'test-results/pages');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, alsoWidths: [360, 414] },
  { name: 'desktop', width: 1366, height: 768, alsoWidths: [] },
] as const;
const THEMES = ['light', 'dark'] as const;

type Who = 'visitor' | 'owner' | 'accountant';
interface Visit {
  who: Who;
  name: string;
  path: string;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

describe('every page on a phone and a desktop, light and dark', () => {
  let app: TestApp;
  let browser: Browser;
  let visits: Visit[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp({ seed: true });
    browser = await launchBrowser();
    const admin = new pg.Client(app.standIn.dbUrl);
    await admin.connect();
    const one = async (sql: string) => ((await admin.query<{ id: string }>(sql, [DEMO_ACCOUNTS.email])).rows[0] ?? { id: '' }).id;
    const workspace = `(select m.workspace_id from public.workspace_members m join auth.users u on u.id = m.user_id
                         where u.email = $1 and m.role = 'owner' limit 1)`;
    const entryId = await one(`select id from public.time_entries where workspace_id = ${workspace} and invoice_line_id is null limit 1`);
    const sentId = await one(
      `select id from public.invoices where workspace_id = ${workspace} and status <> 'draft' order by number limit 1`,
    );
    const draftId = await one(`select id from public.invoices where workspace_id = ${workspace} and status = 'draft' limit 1`);
    await admin.end();
    expect([entryId, sentId, draftId].every(Boolean)).toBe(true);
    const owner = (name: string, p: string): Visit => ({ who: 'owner', name, path: p });
    const visitor = (name: string, p: string): Visit => ({ who: 'visitor', name, path: p });
    visits = [
      owner('dashboard', '/'),
      owner('map', '/karta'),
      owner('time', '/tid'),
      owner('time-week', '/tid/vecka'),
      owner('time-entry', `/tid/post/${entryId}`),
      owner('invoices', '/fakturor'),
      owner('invoice-new', '/fakturor/ny'),
      owner('invoice-sent', `/fakturor/${sentId}`),
      owner('invoice-draft', `/fakturor/${draftId}`),
      owner('import', '/import'),
      owner('bank-import', '/betalningar/import'),
      owner('reports', '/rapporter'),
      owner('profile', '/profil'),
      owner('profile-data', '/profil/data'),
      owner('profile-accounting', '/profil/redovisning'),
      owner('profile-security', '/profil/sakerhet'),
      owner('welcome', '/valkommen'),
      { who: 'accountant', name: 'portal', path: '/portal' },
      visitor('login', '/login'),
      visitor('signup', '/signup'),
      visitor('forgot-password', '/forgot-password'),
      visitor('reset-password', '/reset-password'),
      visitor('restore', '/restore'),
      visitor('invite', '/invite?token=ogiltig'),
      visitor('login-en', '/login?lang=en'),
      ...['privacy', 'terms', 'cookies', 'security', 'subprocessors'].map((slug) => visitor(`legal-${slug}`, `/legal/${slug}`)),
      visitor('not-found', '/finns-inte'),
    ];
    // The first browser file of a run builds Next.js, which takes many minutes on a loaded machine.
  }, 1_800_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  async function signedIn(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${app.appUrl}/login`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_ACCOUNTS.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 });
    return page;
  }

  /** The page's width, and the elements whose right edge passes the viewport (innermost first): why it scrolls sideways. */
  const measure = (page: Page) =>
    page.evaluate(() => {
      const width = window.innerWidth;
      const over = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
      const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (clips(p)) return true;
        return false;
      };
      const culprits = Array.from(document.body.querySelectorAll('*'))
        .filter((el) => over(el) && !clipped(el) && (clips(el) || !Array.from(el.children).some(over)))
        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
        .slice(0, 5)
        .map((el) => {
          const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 5).join('.') : '';
          return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${cls} (right ${Math.round(el.getBoundingClientRect().right)} px)`;
        });
      return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
    });

  async function check(page: Page, visit: Visit, label: string, viewport: (typeof VIEWPORTS)[number], problems: string[]) {
    const response = await page.goto(`${app.appUrl}${visit.path}`, { waitUntil: 'load' });
    if (!response || response.status() >= 500) problems.push(`${label}: HTTP ${response?.status()}`);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(150);
    for (const width of [viewport.width, ...viewport.alsoWidths]) {
      if (width !== viewport.width) await page.setViewportSize({ width, height: viewport.height });
      const o = await measure(page);
      if (o.scrollWidth > o.width) problems.push(`${label} at ${width} px: ${o.scrollWidth} px wide; ${o.culprits.join(', ')}`);
    }
    if (viewport.alsoWidths.length) await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.screenshot({ path: path.join(shots, `${label}.jpg`), fullPage: true, type: 'jpeg', quality: 70 });
    await page.evaluate(axeSource);
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe.run(document, {
        resultTypes: ['violations'],
      }),
    )) as AxeResult;
    for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      const where = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ');
      problems.push(`${label}: axe ${v.impact} ${v.id} (${v.help}) at ${where}`);
    }
  }

  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      it(`${viewport.name} ${viewport.width}×${viewport.height}, ${theme}`, async () => {
        const options = { locale: 'sv-SE', colorScheme: theme, viewport: { width: viewport.width, height: viewport.height } };
        const contexts = await Promise.all([browser.newContext(options), browser.newContext(options), browser.newContext(options)]);
        try {
          const pages: Record<Who, Page> = {
            visitor: await contexts[0].newPage(),
            owner: await signedIn(contexts[1], DEMO_ACCOUNTS.email),
            accountant: await signedIn(contexts[2], DEMO_ACCOUNTS.accountantEmail),
          };
          const problems: string[] = [];
          for (const visit of visits) await check(pages[visit.who], visit, `${viewport.name}-${theme}-${visit.name}`, viewport, problems);
          // The theme reaches the page: dark pages are dark, light pages light.
          const background = await pages.owner.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const [r, g, b] = background.match(/\d+/g)!.map(Number);
          expect((r + g + b) / 3 < 128).toBe(theme === 'dark');
          expect(problems).toEqual([]);
        } finally {
          await Promise.all(contexts.map((c) => c.close()));
        }
      }, 900_000);
    }
  }
});
