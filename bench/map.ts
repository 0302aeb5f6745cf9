// The mind-map's reads and writes on a generated dataset (PostgreSQL 15), as the owner through
// withUserTransaction: the map page's node list, a node's activity, and a node insert with the
// hierarchy constraint trigger ÷ without it (side by side, goal ≤ 1.3).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { nodeAuditRows } from '../lib/activity/queries';
import { asVerifiedClaims } from '../lib/auth/verified-claims';
import { withUserTransaction } from '../lib/db/transaction';
import { listNodes, updateNode } from '../lib/map/queries';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { repoRoot } from '../tests/support/paths';
import { emit, median, medianMs, round } from './support';

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/seed-demo.ts'), '--years', '2', '--email', 'karta@konsultverkstad.test'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: copy.adminUrl },
    encoding: 'utf8',
  });
  const { workspaceId } = JSON.parse(out.trim().split('\n').at(-1)!) as { workspaceId: string };
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  await pool.query('analyze');
  const { rows: owner } = await pool.query(`select user_id from public.workspace_members where workspace_id = $1 and role = 'owner'`, [workspaceId]);
  const { rows: client } = await pool.query(`select id from public.nodes where workspace_id = $1 and kind = 'client' limit 1`, [workspaceId]);
  const now = Math.floor(Date.now() / 1000);
  const claims = asVerifiedClaims({
    sub: owner[0].user_id, role: 'authenticated', aud: 'authenticated', iss: 'bench', iat: now, exp: now + 3600, aal: 'aal1', session_id: owner[0].user_id,
  })!;
  const asOwner = <T>(fn: Parameters<typeof withUserTransaction<T>>[1]) => withUserTransaction(claims, fn, { pool });

  // Some history on the client, as a day of editing leaves it (drags and renames).
  for (let i = 0; i < 200; i++) await asOwner((tx) => updateNode(tx, client[0].id, i % 4 ? { x: i, y: i } : { title: `Kund ${i}` }));

  const nodes = await asOwner((tx) => listNodes(tx, workspaceId));
  emit({ bench: 'map_list_nodes', nodes: nodes.length, median_ms: round(await medianMs(50, () => asOwner((tx) => listNodes(tx, workspaceId)))) });
  emit({
    bench: 'map_node_activity',
    rows: (await asOwner((tx) => nodeAuditRows(tx, workspaceId, client[0].id))).length,
    median_ms: round(await medianMs(50, () => asOwner((tx) => nodeAuditRows(tx, workspaceId, client[0].id)))),
  });

  const insert = () =>
    asOwner((tx) => tx.query(`insert into public.nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'project', 'Bench')`, [workspaceId, client[0].id]));
  const withCheck: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < 11; r++) {
    await pool.query('alter table public.nodes enable trigger nodes_parent_kind_valid');
    withCheck.push(await medianMs(20, insert));
    await pool.query('alter table public.nodes disable trigger nodes_parent_kind_valid');
    without.push(await medianMs(20, insert));
  }
  await pool.query('alter table public.nodes enable trigger nodes_parent_kind_valid');
  emit({
    bench: 'node_insert_with_hierarchy_check_vs_without',
    with_check_ms: round(median(withCheck)),
    without_ms: round(median(without)),
    ratio: round(median(withCheck) / median(without)),
    goal: 1.3,
  });
  await pool.end();
} finally {
  await copy.stop();
  await stopPg15();
}
