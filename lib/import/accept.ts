// Accept: the reviewed proposal becomes nodes in ONE transaction as the user (RLS decides; a
// refusal anywhere rolls everything back). A client may merge into an existing client of the same
// name (case-insensitive), reusing its projects of the same name; details are added only where the
// client has none. Everything new is laid out right of the existing map.
import { randomUUID } from 'node:crypto';
import type { ActiveWorkspace, Tx } from '@/lib/db/transaction';
import { toInvoiceLine, toMultiLine, toSingleLine } from '@/lib/validation/text';
import { ImportError } from './errors';
import { originRightOf, placeSlots, type Bounds, type Slot } from './layout';
import { cleanDetails, hourlyRateOre, type AcceptInput, type Details } from './schemas';

export interface AcceptedClient {
  id: string;
  name: string;
  merged: boolean;
  projects: number;
  tasks: number;
  notes: number;
}

export interface AcceptResult {
  clients: AcceptedClient[];
  /** How many nodes were created. */
  created: number;
  /** Document name → the client node its file is attached to, if the user chooses to. */
  attachTo: Record<string, string>;
}

interface NewNode {
  id: string;
  parent_id: string | null;
  kind: 'client' | 'project' | 'task' | 'note';
  title: string;
  body: string;
  slot: Slot;
}

const key = (name: string) => name.trim().toLocaleLowerCase('sv');

async function existingBounds(tx: Tx, workspaceId: string): Promise<Bounds | null> {
  const { rows } = await tx.query(
    `select min(position_x) as "minX", min(position_y) as "minY", max(position_x) as "maxX", max(position_y) as "maxY"
       from public.nodes where workspace_id = $1 and archived_at is null`,
    [workspaceId],
  );
  return rows[0].minX === null ? null : (rows[0] as Bounds);
}

/** Live clients and projects by lower-case title, for merging. */
async function existingTree(tx: Tx, workspaceId: string) {
  const { rows } = await tx.query<{ id: string; parent_id: string | null; kind: string; title: string; has_details: boolean }>(
    `select n.id, n.parent_id, n.kind, n.title, exists (select 1 from public.client_details d where d.node_id = n.id) as has_details
       from public.nodes n
      where n.workspace_id = $1 and n.archived_at is null and n.kind in ('client', 'project')
      order by n.created_at`,
    [workspaceId],
  );
  const clients = new Map<string, { id: string; hasDetails: boolean }>();
  const projects = new Map<string, string>(); // `${clientId}/${title}` → project id
  for (const r of rows) {
    if (r.kind === 'client' && !clients.has(key(r.title))) clients.set(key(r.title), { id: r.id, hasDetails: r.has_details });
    if (r.kind === 'project' && r.parent_id && !projects.has(`${r.parent_id}/${key(r.title)}`))
      projects.set(`${r.parent_id}/${key(r.title)}`, r.id);
  }
  return { clients, projects };
}

export async function acceptProposal(tx: Tx, workspace: ActiveWorkspace | null, input: AcceptInput): Promise<AcceptResult> {
  if (!workspace || workspace.role !== 'owner') throw new ImportError('notOwner');
  const existing = await existingTree(tx, workspace.id);
  const nodes: NewNode[] = [];
  const details: { node_id: string; name: string; details: Details }[] = [];
  const result: AcceptResult = { clients: [], created: 0, attachTo: {} };

  for (const client of input.clients) {
    const match = client.merge ? existing.clients.get(key(client.name)) : undefined;
    const clientId = match?.id ?? randomUUID();
    if (!match)
      nodes.push({ id: clientId, parent_id: null, kind: 'client', title: client.name, body: '', slot: { column: 0, firstChild: false } });
    const cleaned = cleanDetails(client.details);
    // The details' name is printed on invoices: without what the invoice font cannot draw (the map keeps the title as typed).
    const invoiceName = toInvoiceLine(client.name);
    if (Object.keys(cleaned).length && !match?.hasDetails && invoiceName)
      details.push({ node_id: clientId, name: invoiceName, details: cleaned });
    const summary: AcceptedClient = { id: clientId, name: client.name, merged: Boolean(match), projects: 0, tasks: 0, notes: 0 };
    // Children of a merged client start their own rows: its node is elsewhere on the map.
    let first = !match;
    for (const note of client.notes) {
      nodes.push({
        id: randomUUID(),
        parent_id: clientId,
        kind: 'note',
        title: note.title,
        body: note.body,
        slot: { column: 1, firstChild: first },
      });
      first = false;
      summary.notes++;
    }
    for (const project of client.projects) {
      const reused = match ? existing.projects.get(`${clientId}/${key(project.name)}`) : undefined;
      const projectId = reused ?? randomUUID();
      if (!reused) {
        nodes.push({
          id: projectId,
          parent_id: clientId,
          kind: 'project',
          title: project.name,
          body: '',
          slot: { column: 1, firstChild: first },
        });
        summary.projects++;
      }
      let firstTask = !reused;
      for (const task of project.tasks) {
        nodes.push({
          id: randomUUID(),
          parent_id: projectId,
          kind: 'task',
          title: task.name,
          body: '',
          slot: { column: 2, firstChild: firstTask },
        });
        firstTask = false;
        summary.tasks++;
      }
      first = false;
    }
    for (const source of client.sources) result.attachTo[source] ??= clientId;
    result.clients.push(summary);
  }

  const points = placeSlots(
    originRightOf(await existingBounds(tx, workspace.id)),
    nodes.map((n) => n.slot),
  );
  if (nodes.length) {
    // One statement for all nodes: foreign keys to parents are checked at its end.
    await tx.query(
      `insert into public.nodes (id, workspace_id, parent_id, kind, title, body, position_x, position_y)
       select x.id, $1, x.parent_id, x.kind, x.title, x.body, x.x, x.y
         from jsonb_to_recordset($2::jsonb) as x(id uuid, parent_id uuid, kind text, title text, body text, x double precision, y double precision)`,
      [
        workspace.id,
        JSON.stringify(
          nodes.map((n, i) => ({
            ...n,
            title: toSingleLine(n.title),
            body: toMultiLine(n.body),
            slot: undefined,
            x: points[i].x,
            y: points[i].y,
          })),
        ),
      ],
    );
  }
  if (details.length) {
    await tx.query(
      `insert into public.client_details (node_id, workspace_id, name, org_number, vat_number, email, address_line1, postal_code, city, country,
          default_hourly_rate_ore)
       select x.node_id, $1, x.name, x."orgNumber", x."vatNumber", x.email, x."addressLine1", x."postalCode", x.city, coalesce(x.country, 'SE'),
              x."hourlyRateOre"
         from jsonb_to_recordset($2::jsonb) as x(node_id uuid, name text, "orgNumber" text, "vatNumber" text, email text,
                                                 "addressLine1" text, "postalCode" text, city text, country text, "hourlyRateOre" bigint)
       on conflict (node_id) do nothing`,
      [
        workspace.id,
        JSON.stringify(details.map((d) => ({ node_id: d.node_id, name: d.name, ...d.details, hourlyRateOre: hourlyRateOre(d.details) }))),
      ],
    );
  }
  result.created = nodes.length;
  return result;
}
