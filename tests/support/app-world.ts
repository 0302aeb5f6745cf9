// A stand-in with the app's environment pointed at it, an owner with a complete workspace (a
// client with hours, a draft and a sent invoice whose PDF is archived through Storage, a pending
// invitation) and their accountant, for tests that call server actions and route handlers
// directly (with tests/support/next-request.ts mocking Next's request scope).
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { addDraft } from '../db/fixtures';
import {
  archiveHarnessOn,
  fakePdf,
  joinAsAccountant,
  PASSWORD,
  prepareWorkspace,
  sendWithArchivedPdf,
  type ArchiveHarness,
  type HarnessUser,
} from '../exports/archive-harness';
import { asRequest, SimulatedBrowser } from './next-request';
import { repoRoot } from './paths';
import { startTestStandIn, type TestStandIn } from './stand-in';

export const SITE_URL = 'http://localhost:3999';

export interface AppWorld {
  h: ArchiveHarness;
  owner: HarnessUser;
  accountant: HarnessUser;
  ids: {
    workspaceId: string;
    clientId: string;
    entryId: string;
    draftInvoiceId: string;
    draftLineId: string;
    sentInvoiceId: string;
    sentLineId: string;
    invitationId: string;
    invitationToken: string;
  };
  /** A browser signed in as `user` (its session cookies set by the app's own Supabase client). */
  signedIn(user: HarnessUser, extraHeaders?: Record<string, string>): Promise<SimulatedBrowser>;
  stop(): Promise<void>;
}

/** The app's environment (lib/env.ts) pointed at a stand-in, for code called in this process. */
export function pointAppAt(standIn: TestStandIn, siteUrl: string) {
  Object.assign(process.env, {
    NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
    DATABASE_URL: standIn.appDbUrl,
    MAIL_OUTBOX_DIR: standIn.outbox.dir,
    SITE_URL: siteUrl,
  });
}

export async function startAppWorld(): Promise<AppWorld> {
  const standIn = await startTestStandIn({ siteUrl: SITE_URL });
  pointAppAt(standIn, SITE_URL);
  const h = archiveHarnessOn(standIn);
  const owner = await h.signUp(`agare-${randomUUID().slice(0, 8)}@example.test`, 'Ägarens Konsult AB');
  const { workspaceId, clientId } = await prepareWorkspace(h, owner);
  const sentInvoiceId = await sendWithArchivedPdf(h, owner, workspaceId, clientId, fakePdf());
  const rest = await h.asUser(owner.id, async (c) => {
    const draft = await addDraft(c, workspaceId, clientId);
    const entryId = randomUUID();
    await c.query(
      `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, current_date, 90, 95000)`,
      [entryId, workspaceId, clientId],
    );
    const sentLine = await c.query<{ id: string }>(`select id from invoice_lines where invoice_id = $1 limit 1`, [sentInvoiceId]);
    const invitation = await c.query<{ invitation_id: string; token: string }>(`select * from create_invitation($1)`, [
      `annan-${randomUUID().slice(0, 8)}@example.test`,
    ]);
    return {
      entryId,
      draftInvoiceId: draft.invoiceId,
      draftLineId: draft.lineId,
      sentLineId: sentLine.rows[0].id,
      invitationId: invitation.rows[0].invitation_id,
      invitationToken: invitation.rows[0].token,
    };
  });
  const accountant = await h.signUp(`revisor-${randomUUID().slice(0, 8)}@example.test`, 'Revisorns Byrå');
  await joinAsAccountant(h, owner, accountant);

  return {
    h,
    owner,
    accountant,
    ids: { workspaceId, clientId, sentInvoiceId, ...rest },
    async signedIn(user, extraHeaders) {
      const { createClient } = await import('@/lib/supabase/server');
      const browser = new SimulatedBrowser(SITE_URL, extraHeaders);
      await asRequest(browser, async () => {
        const { error } = await (await createClient()).auth.signInWithPassword({ email: user.email, password: PASSWORD });
        if (error) throw error;
      });
      return browser;
    },
    async stop() {
      const { closePools } = await import('@/lib/db/pool');
      await closePools();
      await h.stop();
      await standIn.stop();
    },
  };
}

/** Every row of every table in the schemas, as one fingerprint per table. */
export async function fingerprint(h: ArchiveHarness, schemas = ['public', 'storage']): Promise<Record<string, string>> {
  const { rows: tables } = await h.admin.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
    [schemas],
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await h.admin.query<{ md5: string | null; n: number }>(
      `select md5(string_agg(t::text, '|' order by t::text)) as md5, count(*)::int as n from ${name} t`,
    );
    out[name] = `${rows[0].n}:${rows[0].md5 ?? ''}`;
  }
  return out;
}

/** The stand-in's stored file bytes: every path under its storage folder with its size. */
export function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'storage');
  const walk = (dir: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      const abs = path.join(dir, n);
      return statSync(abs).isDirectory() ? walk(abs) : [`${path.relative(root, abs)}:${statSync(abs).size}`];
    });
  };
  return walk(root).sort();
}

/** The app's server-action modules: every file under lib/ that starts with 'use server'. */
export function serverActionModules(): string[] {
  const walk = (rel: string): string[] =>
    readdirSync(path.join(repoRoot, rel)).flatMap((n) => {
      const child = path.posix.join(rel, n);
      if (statSync(path.join(repoRoot, child)).isDirectory()) return walk(child);
      if (!/\.tsx?$/.test(n)) return [];
      return /^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(readFileSync(path.join(repoRoot, child), 'utf8')) ? [child] : [];
    });
  return walk('lib').sort();
}
