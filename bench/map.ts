// The mind-map's reads and writes on a generated dataset (PostgreSQL 15), as the owner through
// withUserTransaction: the map page's node list, a node's activity, and a node insert with the
// hierarchy constraint trigger ÷ without it (side by side, goal ≤ 1.3).
import pg from 'pg';
import { nodeAuditRows } from '../lib/activity/queries';
import { withUserTransaction } from '../lib/db/transaction';
import { listNodes, updateNode } from '../lib/map/queries';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { benchClaims, emit, median, medianMs, round, seedDemo } from './support';

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  const { workspaceId } = await seedDemo(copy.adminUrl, 2, 'karta@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  await pool.query('analyze');
  const { rows: owner } = await pool.query(`select user_id from public.workspace_members where workspace_id = $1 and role = 'owner'`, [
    workspaceId,
  ]);
  const { rows: client } = await pool.query(`select id from public.nodes where workspace_id = $1 and kind = 'client' limit 1`, [
    workspaceId,
  ]);
  const claims = await benchClaims(pool, owner[0].user_id);
  const asOwner = <T>(fn: Parameters<typeof withUserTransaction<T>>[1]) => withUserTransaction(claims, fn, { pool });

  // Some history on the client, as a day of editing leaves it (drags and renames).
  for (let i = 0; i < 200; i++) await asOwner((tx) => updateNode(tx, client[0].id, i % 4 ? { x: i, y: i } : { title: `Kund ${i}` }));

  const nodes = await asOwner((tx) => listNodes(tx, workspaceId));
  emit({
    bench: 'map_list_nodes',
    nodes: nodes.length,
    median_ms: round(await medianMs(50, () => asOwner((tx) => listNodes(tx, workspaceId)))),
  });
  emit({
    bench: 'map_node_activity',
    rows: (await asOwner((tx) => nodeAuditRows(tx, workspaceId, client[0].id))).length,
    median_ms: round(await medianMs(50, () => asOwner((tx) => nodeAuditRows(tx, workspaceId, client[0].id)))),
  });

  const insert = () =>
    asOwner((tx) =>
      tx.query(`insert into public.nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'project', 'Bench')`, [
        workspaceId,
        client[0].id,
      ]),
    );
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
