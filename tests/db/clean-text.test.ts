// Names and free text (issue 12): a line break in a client's name reached the PDF, the SIE file
// and the CSV raw. Every single-line field refuses control characters, every multi-line field
// keeps line breaks and refuses the rest, for every role; sign-up and billing normalise the text
// they compose themselves.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase } from '../support/db';
import { attempt, attemptAsAdmin, makeTenant, workspaceOf, type Tenant } from './fixtures';

describeEachDatabase('control characters in text', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  /** [table, column, key column, key, multiline] */
  const fields = (): [string, string, string, string, boolean][] => [
    ['workspaces', 'name', 'id', t.workspaceId, false],
    ...['legal_name', 'address_line1', 'address_line2', 'postal_code', 'city', 'phone'].map(
      (c) => ['business_profiles', c, 'workspace_id', t.workspaceId, false] as [string, string, string, string, boolean],
    ),
    ['business_profiles', 'invoice_footer', 'workspace_id', t.workspaceId, true],
    ['nodes', 'title', 'id', t.clientId, false],
    ['nodes', 'body', 'id', t.noteId, true],
    ...['name', 'org_number', 'address_line1', 'address_line2', 'postal_code', 'city'].map(
      (c) => ['client_details', c, 'node_id', t.clientId, false] as [string, string, string, string, boolean],
    ),
    ['time_entries', 'description', 'id', t.unbilledEntryId, false],
    ['invoice_lines', 'description', 'id', t.draftLineId, false],
    ['invoice_lines', 'unit', 'id', t.draftLineId, false],
    ['invoices', 'message', 'id', t.draftInvoiceId, true],
    ['invoices', 'buyer_reference', 'id', t.draftInvoiceId, false],
    ['invoices', 'seller_reference', 'id', t.draftInvoiceId, false],
  ];

  it('single-line fields refuse a line break, a tab and other controls; multi-line ones only the others', async () => {
    for (const [table, column, key, id, multiline] of fields()) {
      const sql = `update ${table} set ${column} = $2 where ${key} = $1`;
      const constraint = `${table}_${column}_clean`;
      for (const bad of [
        'Åsa\u0007Öberg',
        'Åsa\u001bÖberg',
        'Åsa\u0085Öberg',
        'Åsa\u2028Öberg',
        ...(multiline ? [] : ['Åsa\nÖberg', 'Åsa\r\nÖberg', 'Åsa\tÖberg']),
      ]) {
        for (const outcome of [
          await attempt(db(), { user: t.ownerId }, sql, [id, bad]),
          await attempt(db(), { service: true }, sql, [id, bad]),
          await attemptAsAdmin(db(), sql, [id, bad]),
        ]) {
          expect(outcome.constraint, `${table}.${column} ${JSON.stringify(bad)}`).toBe(constraint);
        }
      }
      const ok = await attempt(db(), { user: t.ownerId }, sql, [
        id,
        multiline ? 'Rad ett\nRad två – é ü å ä ö' : column === 'org_number' ? '556677-8899' : 'Åsa Öberg – é ü',
      ]);
      expect(ok.ok, `${table}.${column}`).toBe(true);
      expect(messageKeyFor({ constraint })).toBe(multiline ? 'db.multilineControlCharacters' : 'db.textControlCharacters');
    }
  });

  it('a new client with a line break in its name is refused on insert', async () => {
    const node = randomUUID();
    const result = await attempt(
      db(),
      { user: t.ownerId },
      `insert into nodes (id, workspace_id, kind, title) values ($1, $2, 'client', $3)`,
      [node, t.workspaceId, 'Kund\nAB'],
    );
    expect(result.constraint).toBe('nodes_title_clean');
  });

  it('sign-up makes the business name single-line instead of failing', async () => {
    const id = randomUUID();
    await db().admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '', '{}', $3, now(), now())`,
      [id, `${id.slice(0, 8)}@example.test`, JSON.stringify({ business_name: 'Åsa Öberg\nKonsult\u0007' })],
    );
    const ws = await workspaceOf(db(), id);
    const row = (
      await db().admin.query(
        `select w.name, b.legal_name from workspaces w join business_profiles b on b.workspace_id = w.id where w.id = $1`,
        [ws],
      )
    ).rows[0];
    expect(row).toEqual({ name: 'Åsa Öberg Konsult', legal_name: 'Åsa Öberg Konsult' });
  });
});
