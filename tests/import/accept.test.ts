// Accept on a real database (PGlite and PostgreSQL 15), as the app's login role through
// withUserTransaction: the chosen tree is created in one transaction under RLS, merged into an
// existing client when asked, laid out without overlapping the map, and nothing is written when
// any part is refused.
import { afterAll, expect, it } from 'vitest';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { closePools, getPool } from '@/lib/db/pool';
import { withUserTransaction } from '@/lib/db/transaction';
import { acceptProposal } from '@/lib/import/accept';
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/import/layout';
import { AcceptSchema, type AcceptInput } from '@/lib/import/schemas';
import { addAccountant, makeTenant } from '../db/fixtures';
import { describeEachDatabase } from '../support/db';

const claimsFor = (id: string, sessionId: string): VerifiedClaims =>
  asVerifiedClaims({ sub: id, role: 'authenticated', aud: 'authenticated', session_id: sessionId, iss: 'test', exp: 0, iat: 0 } as never)!;

const input = (raw: unknown): AcceptInput => AcceptSchema.parse(raw);

const proposal = input({
  clients: [
    {
      name: 'Norrsken Energi AB',
      details: {
        orgNumber: '5561234567',
        vatNumber: 'SE556123456701',
        email: 'faktura@norrsken.example',
        addressLine1: 'Storgatan 1',
        postalCode: '111 22',
        city: 'Stockholm',
        hourlyRate: '1 150,50',
      },
      projects: [
        { name: 'Ny webbplats', tasks: [{ name: 'Förstudie' }, { name: 'Design' }] },
        { name: 'Support', tasks: [] },
      ],
      notes: [{ title: 'avtal.pdf', body: 'Ramavtal sedan 2024.' }],
      sources: ['avtal.pdf', 'kunder.csv'],
    },
    {
      name: 'Fjällbyrån HB',
      details: { orgNumber: '556000-0000' },
      projects: [{ name: 'Bokning', tasks: [{ name: 'Kravlista' }] }],
      sources: ['kunder.csv'],
    },
  ],
});

describeEachDatabase('import accept', (db) => {
  afterAll(async () => {
    await closePools();
  });

  const accept = async (userId: string, value: AcceptInput) =>
    withUserTransaction(claimsFor(userId, await db().createSession(userId)), (tx, workspace) => acceptProposal(tx, workspace, value), {
      pool: getPool(db().appUrl),
    });

  const nodesOf = async (workspaceId: string) =>
    (
      await db().admin.query(
        `select n.id, n.parent_id, n.kind, n.title, n.body, n.position_x as x, n.position_y as y, n.archived_at, d.org_number, d.vat_number, d.email, d.city,
                d.default_hourly_rate_ore::int as rate
           from nodes n left join client_details d on d.node_id = n.id where n.workspace_id = $1 order by n.created_at, n.position_y`,
        [workspaceId],
      )
    ).rows;

  it('creates clients, details, notes, projects and tasks with the right parents', async () => {
    const tenant = await makeTenant(db());
    const before = await nodesOf(tenant.workspaceId);
    const result = await accept(tenant.ownerId, proposal);
    expect(result.created).toBe(9);
    expect(result.clients.map((c) => [c.name, c.merged, c.projects, c.tasks, c.notes])).toEqual([
      ['Norrsken Energi AB', false, 2, 2, 1],
      ['Fjällbyrån HB', false, 1, 1, 0],
    ]);
    expect(result.attachTo).toEqual({ 'avtal.pdf': result.clients[0].id, 'kunder.csv': result.clients[0].id });

    const after = await nodesOf(tenant.workspaceId);
    const added = after.filter((n) => !before.some((b) => b.id === n.id));
    const byTitle = (t: string) => added.find((n) => n.title === t)!;
    const norrsken = byTitle('Norrsken Energi AB');
    expect(norrsken).toMatchObject({
      kind: 'client',
      parent_id: null,
      org_number: '556123-4567',
      vat_number: 'SE556123456701',
      email: 'faktura@norrsken.example',
      city: 'Stockholm',
      // The rate column's kronor, in öre: the client's default rate for new hours.
      rate: 115050,
    });
    expect(byTitle('avtal.pdf')).toMatchObject({ kind: 'note', parent_id: norrsken.id, body: 'Ramavtal sedan 2024.' });
    expect(byTitle('Ny webbplats')).toMatchObject({ kind: 'project', parent_id: norrsken.id });
    expect(byTitle('Design')).toMatchObject({ kind: 'task', parent_id: byTitle('Ny webbplats').id });
    // A wrong check digit never reaches the database: the client is created without details.
    expect(byTitle('Fjällbyrån HB')).toMatchObject({ kind: 'client', org_number: null });
  });

  it('places the new tree beside the existing map: no new node overlaps an existing or another new one', async () => {
    const tenant = await makeTenant(db());
    // Spread the existing nodes out, one far right; an archived node further right is not on the map.
    await db().admin.query(
      `update nodes n set position_x = 100 * r.i, position_y = 50
       from (select id, row_number() over (order by created_at, id) as i from nodes where workspace_id = $1) r where n.id = r.id`,
      [tenant.workspaceId],
    );
    await db().admin.query(`update nodes set position_x = 900, position_y = -200 where id = $1`, [tenant.taskId]);
    await db().admin.query(`update nodes set position_x = 5000, archived_at = now() where id = $1`, [tenant.noteId]);
    const before = await nodesOf(tenant.workspaceId);
    await accept(tenant.ownerId, proposal);
    const after = await nodesOf(tenant.workspaceId);
    const live = before.filter((n) => !n.archived_at);
    const added = after.filter((n) => !before.some((b) => b.id === n.id));
    const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
    for (const n of added) {
      expect(live.filter((e) => overlaps(n, e))).toEqual([]);
      expect(added.filter((m) => m !== n && overlaps(n, m))).toEqual([]);
    }
    // Right of the live map, top-aligned with it, not pushed away by the archived node.
    const maxX = Math.max(...live.map((n) => n.x));
    expect(Math.min(...added.map((n) => n.x))).toBeGreaterThan(maxX + NODE_WIDTH);
    expect(Math.min(...added.map((n) => n.x))).toBeLessThan(5000);
    expect(Math.min(...added.map((n) => n.y))).toBe(Math.min(...live.map((n) => n.y)));
    // A tree: each project to the right of its client, each task to the right of its project.
    const client = added.find((n) => n.title === 'Norrsken Energi AB')!;
    const project = added.find((n) => n.title === 'Ny webbplats')!;
    const task = added.find((n) => n.title === 'Förstudie')!;
    expect(project.x).toBeGreaterThan(client.x);
    expect(task.x).toBeGreaterThan(project.x);
  });

  it('merges into an existing client of the same name (any case), reusing its project, keeping its details', async () => {
    const tenant = await makeTenant(db()); // has client "Provkund AB" with details and project "Projekt"
    const result = await accept(
      tenant.ownerId,
      input({
        clients: [
          {
            name: 'PROVKUND ab',
            merge: true,
            details: { orgNumber: '556123-4567' },
            projects: [
              { name: 'projekt', tasks: [{ name: 'Ny uppgift' }] },
              { name: 'Nytt projekt', tasks: [] },
            ],
          },
          { name: 'provkund ab', merge: false, projects: [] },
        ],
      }),
    );
    expect(result.clients[0]).toMatchObject({ id: tenant.clientId, merged: true, projects: 1, tasks: 1 });
    expect(result.clients[1]).toMatchObject({ merged: false });
    const nodes = await nodesOf(tenant.workspaceId);
    expect(nodes.find((n) => n.title === 'Ny uppgift')).toMatchObject({ parent_id: tenant.projectId, kind: 'task' });
    expect(nodes.find((n) => n.title === 'Nytt projekt')).toMatchObject({ parent_id: tenant.clientId });
    expect(nodes.filter((n) => n.kind === 'client').map((n) => n.title)).toEqual(['Provkund AB', 'provkund ab']);
    expect(nodes.find((n) => n.id === tenant.clientId)).toMatchObject({ org_number: '556677-8899' });
  });

  it('writes nothing when the database refuses any part', async () => {
    const tenant = await makeTenant(db());
    const before = await nodesOf(tenant.workspaceId);
    // The nodes insert succeeds; the details insert after it is refused (a lone surrogate, which
    // jsonb refuses; control characters such as NUL are now made spaces before they get there).
    const bad = input({
      clients: [{ name: 'Trasig AB', details: { addressLine1: 'Gatan\ud8001' }, projects: [{ name: 'P', tasks: [{ name: 'T' }] }] }],
    });
    await expect(accept(tenant.ownerId, bad)).rejects.toThrow();
    expect(await nodesOf(tenant.workspaceId)).toEqual(before);
  });

  it('an accountant of the workspace cannot import into it', async () => {
    const tenant = await makeTenant(db());
    const accountant = await addAccountant(db(), tenant.workspaceId);
    const before = await nodesOf(tenant.workspaceId);
    const asAccountant = withUserTransaction(
      claimsFor(accountant, await db().createSession(accountant)),
      (tx, workspace) => acceptProposal(tx, workspace, proposal),
      {
        pool: getPool(db().appUrl),
        workspaceId: tenant.workspaceId,
      },
    );
    await expect(asAccountant).rejects.toThrow('import.notOwner');
    expect(await nodesOf(tenant.workspaceId)).toEqual(before);
  });
});

it('refuses what the review could not have sent: nothing chosen, empty names, unknown shapes', () => {
  expect(AcceptSchema.safeParse({ clients: [] }).success).toBe(false);
  expect(AcceptSchema.safeParse({ clients: [{ name: '  ', projects: [] }] }).success).toBe(false);
  expect(AcceptSchema.safeParse({ clients: [{ name: 'A', projects: [{ name: 'P', tasks: 'x' }] }] }).success).toBe(false);
  expect(AcceptSchema.safeParse({ clients: [{ name: 'x'.repeat(201), projects: [] }] }).success).toBe(false);
});
