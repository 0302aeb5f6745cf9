// Issue 17, item 8: an accountant is never handed the owner's side. Signing up from an invitation
// gives no workspace of one's own (it used to: an empty "Namnlöst företag" with the owner's menu,
// where they landed once access was removed); a user without any workspace gets a page saying so
// (and may start a business of their own there); the owner's pages refuse an accountant.
import { randomUUID } from 'node:crypto';
import { createElement, type ComponentType } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD } from '../exports/archive-harness';
import { SITE_URL, startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';
import { renderServer } from '../support/render-server';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

let world: AppWorld;

beforeAll(async () => {
  world = await startAppWorld();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

type Page = ComponentType<Record<string, unknown>>;

/** Renders the page as one request of the browser; where it redirected, or null. */
async function visit(browser: SimulatedBrowser, page: string): Promise<string | null> {
  const Page = ((await import(page)) as { default: Page }).default;
  const tree = createElement(Page, { searchParams: Promise.resolve({}), params: Promise.resolve({ id: randomUUID() }) });
  try {
    await asRequest(browser, () => renderServer(tree));
    return null;
  } catch (error) {
    const target = redirectTarget(error);
    if (target === undefined) throw error;
    return target;
  }
}

const state = { ok: false, fieldErrors: {}, values: {} } as const;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function memberships(email: string) {
  const { rows } = await world.h.admin.query<{ role: string; name: string }>(
    `select m.role, w.name from workspace_members m join workspaces w on w.id = m.workspace_id
       join auth.users u on u.id = m.user_id where u.email = $1 order by m.role`,
    [email],
  );
  return rows;
}

describe('an accountant who signed up from an invitation', () => {
  const email = `inbjuden-${randomUUID().slice(0, 8)}@example.test`;
  let browser: SimulatedBrowser;

  it('gets no workspace of their own at sign-up', async () => {
    const { rows } = await world.h.asUser(world.owner.id, (c) =>
      c.query<{ token: string }>(`select * from create_invitation($1)`, [email]),
    );
    const { signUpForInvitation } = await import('@/lib/accountant/actions');
    const result = await asRequest(new SimulatedBrowser(SITE_URL), async () =>
      signUpForInvitation(state, form({ email, password: PASSWORD, token: rows[0].token })),
    ).catch((error) => ({ redirect: redirectTarget(error) }));
    expect(result).not.toHaveProperty('formError');
    expect(await memberships(email)).toEqual([]);

    // Confirmed and accepted, they are the accountant of the inviting workspace, nothing else.
    await world.h.admin.query(`update auth.users set email_confirmed_at = now() where email = $1`, [email]);
    const id = (await world.h.admin.query<{ id: string }>(`select id from auth.users where email = $1`, [email])).rows[0].id;
    await world.h.asUser(id, (c) => c.query(`select accept_invitation($1)`, [rows[0].token]));
    expect(await memberships(email)).toEqual([{ role: 'accountant', name: 'Ägarens Konsult AB' }]);
    browser = await world.signedIn({ id, email } as never);
    expect(await visit(browser, '@/app/(app)/page')).toBe('/portal');
  });

  it('once the owner removes their access, lands on a page saying so instead of an owner workspace', async () => {
    const id = (await world.h.admin.query<{ id: string }>(`select id from auth.users where email = $1`, [email])).rows[0].id;
    await world.h.asUser(world.owner.id, (c) => c.query(`select remove_accountant($1)`, [id]));
    expect(await memberships(email)).toEqual([]);
    for (const page of ['@/app/(app)/page', '@/app/(app)/portal/page', '@/app/(app)/karta/page', '@/app/(app)/import/page'])
      expect(await visit(browser, page), page).toBe('/ingen-atkomst');
    expect(await visit(browser, '@/app/(app)/ingen-atkomst/page')).toBeNull();
  });

  it('may start a business of their own from that page, once', async () => {
    const { startOwnWorkspace } = await import('@/lib/accountant/actions');
    const result = await asRequest(browser, () => startOwnWorkspace(state, form({}))).catch((error) => ({
      redirect: redirectTarget(error),
    }));
    expect(result).toEqual({ redirect: '/valkommen' });
    expect((await memberships(email)).map((m) => m.role)).toEqual(['owner']);
    const again = await asRequest(browser, () => startOwnWorkspace(state, form({}))).catch((error) => ({
      redirect: redirectTarget(error),
    }));
    expect(again).toMatchObject({ ok: false, formError: 'Du har redan ett eget företag.' });
    expect((await memberships(email)).map((m) => m.role)).toEqual(['owner']);
  });
});

describe("the owner's pages refuse an accountant", () => {
  it('import, new invoice, map, time, onboarding and the business profile send them to the page that says why', async () => {
    await world.h.admin.query(
      `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || jsonb_build_object('active_workspace_id', $2::text) where id = $1`,
      [world.accountant.id, world.ids.workspaceId],
    );
    const browser = await world.signedIn(world.accountant);
    for (const page of [
      'import/page',
      'fakturor/ny/page',
      'karta/page',
      'tid/layout', // every page under /tid
      'valkommen/page',
      'profil/page',
      'profil/redovisning/page',
    ])
      expect(await visit(browser, `@/app/(app)/${page}`), page).toBe('/ingen-atkomst');
    expect(await visit(browser, '@/app/(app)/portal/page')).toBeNull();
    const { navItems } = await import('@/components/shell/nav-items');
    expect(navItems('accountant').map((i) => i.href)).toEqual(['/portal', '/rapporter']);
  });
});
