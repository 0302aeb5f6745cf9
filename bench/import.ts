// Import: extraction and the built-in proposer on generated documents of realistic size, and
// accept of a large proposal in one transaction on the embedded PGlite.
import { Document as PdfDocument, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import pg from 'pg';
import { createElement as h } from 'react';
import { withUserTransaction } from '../lib/db/transaction';
import { acceptProposal } from '../lib/import/accept';
import { extractDocument } from '../lib/import/extract';
import { proposeBuiltin } from '../lib/import/propose/builtin';
import { AcceptSchema } from '../lib/import/schemas';
import { preparePgliteTemplate, startPgliteCopy } from '../tests/support/pglite';
import { benchClaims, emit, medianMs, round } from './support';

const CLIENTS = 100;
const PROJECTS = 3;
const TASKS = 5;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function outlineDocx() {
  const children = range(CLIENTS).flatMap((c) => [
    new Paragraph({ text: `Kund ${c} AB`, heading: HeadingLevel.HEADING_1 }),
    ...range(PROJECTS).flatMap((p) => [
      new Paragraph({ text: `Projekt ${c}.${p}`, heading: HeadingLevel.HEADING_2 }),
      ...range(TASKS).map((t) => new Paragraph({ text: `Uppgift ${c}.${p}.${t}`, bullet: { level: 0 } })),
    ]),
  ]);
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function outlinePdf() {
  const text = (size: number, s: string) => h(Text, { style: { fontSize: size } }, s);
  return renderToBuffer(
    h(
      PdfDocument,
      null,
      ...range(CLIENTS / 5).map((page) =>
        h(
          Page,
          { key: page, size: 'A4', style: { padding: 30 } },
          ...range(5).flatMap((i) => {
            const c = page * 5 + i;
            return [
              text(18, `Kund ${c} AB`),
              ...range(PROJECTS).flatMap((p) => [
                text(13, `Projekt ${c}.${p}`),
                ...range(TASKS).map((t) => text(9, `• Uppgift ${c}.${p}.${t}`)),
              ]),
            ];
          }),
        ),
      ),
    ) as never,
  );
}

const csv = Buffer.from(
  [
    'Kund;Projekt;Uppgift',
    ...range(CLIENTS).flatMap((c) =>
      range(PROJECTS).flatMap((p) => range(TASKS).map((t) => `Kund ${c} AB;Projekt ${c}.${p};Uppgift ${c}.${p}.${t}`)),
    ),
  ].join('\n'),
);

const inputs = { docx: await outlineDocx(), pdf: await outlinePdf(), csv };
const nodes = CLIENTS * (1 + PROJECTS * (1 + TASKS));
for (const [format, bytes] of Object.entries(inputs)) {
  const name = `bench.${format}`;
  const extractMs = await medianMs(5, () => extractDocument(name, bytes));
  const doc = await extractDocument(name, bytes);
  const proposeMs = await medianMs(5, async () => proposeBuiltin([doc]));
  const proposal = proposeBuiltin([doc]);
  emit({
    bench: 'import_extract_propose',
    format,
    bytes: bytes.byteLength,
    nodes_found: proposal.clients.reduce((n, c) => n + 1 + c.projects.reduce((m, pr) => m + 1 + pr.tasks.length, 0), 0),
    extract_ms: round(extractMs),
    propose_ms: round(proposeMs),
  });
}

// Accept: the whole proposal in one transaction as the user, into a fresh workspace each time.
const template = await preparePgliteTemplate();
const copy = await startPgliteCopy(template);
const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 1 });
const proposal = AcceptSchema.parse(proposeBuiltin([await extractDocument('bench.csv', csv)]));
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const { rows } = await pool.query(
    `insert into auth.users (id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values (gen_random_uuid(), 'authenticated', 'authenticated', $1, '', '{}', '{}', now(), now()) returning id`,
    [`bench-${i}@example.test`],
  );
  const claims = await benchClaims(pool, rows[0].id);
  times.push(await medianMs(1, () => withUserTransaction(claims, (tx, w) => acceptProposal(tx, w, proposal), { pool })));
}
emit({ bench: 'import_accept', target: 'pglite', nodes, accept_ms: round([...times].sort((a, b) => a - b)[2]) });
await pool.end();
await copy.stop();
