// Extraction and the built-in proposer on documents the tests generate: an outline DOCX, an offer
// PDF, a spreadsheet CSV, Markdown; and every kind of bad file, each refused with its reason.
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '@/lib/import/extract';
import { MAX_FILE_BYTES } from '@/lib/import/limits';
import { proposeBuiltin } from '@/lib/import/propose/builtin';
import { clientsCsv, encryptedPdf, offerPdf, ORG_FJALL, ORG_NORRSKEN, outlineDocx, scannedPdf, VAT_NORRSKEN } from './documents';

const tree = (p: ReturnType<typeof proposeBuiltin>) =>
  p.clients.map((c) => ({ name: c.name, projects: c.projects.map((pr) => [pr.name, pr.tasks.map((t) => t.name)]) }));

async function reason(name: string, bytes: Uint8Array | string) {
  try {
    await extractDocument(name, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('built-in proposer', () => {
  it('turns a DOCX outline into clients → projects → tasks with details and a note', async () => {
    const doc = await extractDocument('kunder.docx', await outlineDocx());
    expect(doc.format).toBe('docx');
    const proposal = proposeBuiltin([doc]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Norrsken Energi AB',
        projects: [
          ['Ny webbplats', ['Förstudie', 'Design', 'Lansering']],
          ['Support', ['Månadsrapport']],
        ],
      },
      // The table under the client adds a task to the project of the same name.
      { name: 'Fjällbyrån HB', projects: [['Bokningssystem', ['Kravlista', 'Testplan']]] },
    ]);
    expect(proposal.clients[0].details).toEqual({
      orgNumber: ORG_NORRSKEN,
      vatNumber: VAT_NORRSKEN,
      email: 'faktura@norrsken.example',
      addressLine1: 'Storgatan 1',
      postalCode: '111 22',
      city: 'Stockholm',
    });
    expect(proposal.clients[0].notes).toEqual([{ title: 'kunder.docx', body: 'Ramavtal sedan 2024, timpris enligt bilaga.' }]);
    expect(proposal.clients[1].details).toEqual({ orgNumber: ORG_FJALL });
    expect(proposal.clients[0].sources).toEqual(['kunder.docx']);
  });

  it('reads headings by font size and bullets from a PDF, and identifiers in running text', async () => {
    const doc = await extractDocument('offert.pdf', await offerPdf());
    const proposal = proposeBuiltin([doc]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Havsbris Konsult AB',
        projects: [
          ['Intern portal', ['Workshop med ledningen', 'Prototyp']],
          ['Utbildning', ['Kursmaterial']],
        ],
      },
    ]);
    expect(proposal.clients[0].details).toEqual({ orgNumber: '556677-8899', vatNumber: 'SE556677889901' });
  });

  it('maps a CSV with kund / projekt / uppgift columns directly, filling blank cells down', async () => {
    const doc = await extractDocument('export.csv', Buffer.from(clientsCsv(), 'latin1'));
    const proposal = proposeBuiltin([doc]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Lindqvist Bygg AB',
        projects: [
          ['Ombyggnad kontor', ['Ritningar', 'Bygglov']],
          ['Underhåll', ['Besiktning']],
        ],
      },
      { name: 'Tallkotten AB', projects: [['Ekonomisystem', ['Upphandling']]] },
    ]);
    expect(proposal.clients[0].details).toEqual({ orgNumber: ORG_FJALL, email: 'info@lindqvist.example' });
    // 556000-0000 fails the check digit: dropped, not guessed.
    expect(proposal.clients[1].details).toBeUndefined();
  });

  it('reads Windows-1252 CSV as Excel writes it, with commas or tabs', async () => {
    const csv = Buffer.from('Customer,Project,Task\r\nÅkerö AB,Lönesystem,Införande\r\n', 'latin1');
    expect(tree(proposeBuiltin([await extractDocument('x.csv', csv)]))).toEqual([
      { name: 'Åkerö AB', projects: [['Lönesystem', ['Införande']]] },
    ]);
    const tsv = 'kund\tprojekt\nÅkerö AB\tLön';
    expect(tree(proposeBuiltin([await extractDocument('x.tsv', Buffer.from(tsv))]))).toEqual([
      { name: 'Åkerö AB', projects: [['Lön', []]] },
    ]);
  });

  it('reads Markdown outlines: a container heading is skipped, nested lists are tasks', async () => {
    const md = [
      '# Kunder',
      '',
      '## Acme AB',
      'Org.nr: 556677-8899',
      '',
      '- **Webbshop**',
      '  - Betalning',
      '  - Frakt',
      '- Intranät',
      '',
      '## Beta HB',
      '- Rådgivning',
    ].join('\n');
    const proposal = proposeBuiltin([await extractDocument('anteckningar.md', Buffer.from(md))]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Acme AB',
        projects: [
          ['Webbshop', ['Betalning', 'Frakt']],
          ['Intranät', []],
        ],
      },
      { name: 'Beta HB', projects: [['Rådgivning', []]] },
    ]);
    expect(proposal.clients[0].details).toEqual({ orgNumber: '556677-8899' });
  });

  it("Markdown: the document's title (a lone H1) is not a client, so clients, projects and tasks sit at their levels", async () => {
    const md = [
      '# Kundanteckningar hösten 2026',
      'Sammanställt inför planeringen.',
      '',
      '## Acme AB',
      'Org.nr: 556677-8899',
      '### Webbshop',
      '- Betalning',
      '- Frakt',
      '### Intranät',
      '',
      '## Beta HB',
      '### Rådgivning',
    ].join('\n');
    const proposal = proposeBuiltin([await extractDocument('hosten.md', Buffer.from(md))]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Acme AB',
        projects: [
          ['Webbshop', ['Betalning', 'Frakt']],
          ['Intranät', []],
        ],
      },
      { name: 'Beta HB', projects: [['Rådgivning', []]] },
    ]);
    expect(proposal.clients[0].details).toEqual({ orgNumber: '556677-8899' });
  });

  it('Markdown: a lone H1 that reads as a client (a company form, or details under it) stays the client', async () => {
    const named = await extractDocument('acme.md', Buffer.from('# Acme Konsult AB\n## Webb\n- Design'));
    expect(tree(proposeBuiltin([named]))).toEqual([{ name: 'Acme Konsult AB', projects: [['Webb', ['Design']]] }]);
    const detailed = await extractDocument('nordljus.md', Buffer.from('# Nordljus\nOrg.nr: 556677-8899\n## Portal\n- API'));
    const proposal = proposeBuiltin([detailed]);
    expect(tree(proposal)).toEqual([{ name: 'Nordljus', projects: [['Portal', ['API']]] }]);
    expect(proposal.clients[0].details).toEqual({ orgNumber: '556677-8899' });
  });

  it('CSV: hourly rate and org number columns land in the client details, validated as the app validates them', async () => {
    const csv = [
      'Kund;Projekt;Timpris;Organisationsnummer;Postnr;Ort',
      'Acme AB;Webb;950 kr;5566778899;11122;Stockholm',
      'Beta HB;Drift;1 100,50;556000-0000;ABCDE;Malmö',
      'Gamma AB;Stöd;billigt;;;',
    ].join('\n');
    const proposal = proposeBuiltin([await extractDocument('kunder.csv', Buffer.from(csv))]);
    expect(proposal.clients.map((c) => [c.name, c.details])).toEqual([
      ['Acme AB', { orgNumber: '556677-8899', hourlyRate: '950,00', postalCode: '111 22', city: 'Stockholm' }],
      // The wrong check digit and a postcode that is not NNN NN are dropped, never guessed.
      ['Beta HB', { hourlyRate: '1100,50', city: 'Malmö' }],
      ['Gamma AB', undefined],
    ]);
    for (const header of ['Pris/h', 'Rate', 'Hourly rate', 'Timarvode', 'À-pris']) {
      const doc = await extractDocument('x.csv', Buffer.from(`Kund;${header}\nAcme AB;1200`));
      expect(proposeBuiltin([doc]).clients[0].details, header).toEqual({ hourlyRate: '1200,00' });
    }
  });

  it('merges the same client found in several documents', async () => {
    const a = await extractDocument('a.md', Buffer.from('# Acme AB\n## Webb\n- Design'));
    const b = await extractDocument('b.csv', Buffer.from('Kund;Projekt;Uppgift\nACME AB;Webb;Test\nACME AB;Drift;Backup'));
    const proposal = proposeBuiltin([a, b]);
    expect(tree(proposal)).toEqual([
      {
        name: 'Acme AB',
        projects: [
          ['Webb', ['Design', 'Test']],
          ['Drift', ['Backup']],
        ],
      },
    ]);
    expect(proposal.clients[0].sources).toEqual(['a.md', 'b.csv']);
  });

  it('refuses a proposal too large to review instead of cutting it silently', async () => {
    const rows = ['Kund;Projekt', ...Array.from({ length: 201 }, (_, i) => `Kund ${i} AB;Projekt`)].join('\n');
    const doc = await extractDocument('stor.csv', Buffer.from(rows));
    expect(() => proposeBuiltin([doc])).toThrow('import.tooMany');
    expect(
      proposeBuiltin([{ ...doc, blocks: [{ type: 'table', rows: (doc.blocks[0] as { rows: string[][] }).rows.slice(0, 201) }] }]).clients,
    ).toHaveLength(200);
  });
});

describe('bad files are refused with a reason', () => {
  it('encrypted, scanned, corrupt PDFs', async () => {
    expect(await reason('låst.pdf', encryptedPdf())).toBe('import.encrypted');
    expect(await reason('skannad.pdf', await scannedPdf())).toBe('import.scanned');
    expect(await reason('trasig.pdf', '%PDF-1.7\n1 0 obj <<')).toBe('import.corrupt');
  });

  it('the wrong type behind the right extension', async () => {
    expect(await reason('offert.pdf', await outlineDocx())).toBe('import.wrongType');
    expect(await reason('kunder.docx', await offerPdf())).toBe('import.wrongType');
    expect(await reason('kunder.csv', await offerPdf())).toBe('import.wrongType');
    expect(await reason('bild.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe('import.wrongType');
    // A zip that is not a Word document.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]);
    expect(await reason('kalkyl.docx', zip)).toBe('import.wrongType');
  });

  it('encrypted and corrupt Word files', async () => {
    const cfb = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await reason('hemlig.docx', cfb)).toBe('import.encrypted');
    const docx = await outlineDocx();
    expect(await reason('halv.docx', docx.subarray(0, Math.floor(docx.length / 2)))).toBe('import.corrupt');
  });

  it('empty, text-less, oversized and unsupported files', async () => {
    expect(await reason('tom.txt', '')).toBe('import.empty');
    expect(await reason('blank.md', '  \n\n  ')).toBe('import.noText');
    const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] }));
    expect(await reason('tom.docx', empty)).toBe('import.noText');
    expect(await reason('stor.txt', Buffer.alloc(MAX_FILE_BYTES + 1, 0x61))).toBe('import.tooLarge');
    expect(await reason('gammal.doc', 'hej')).toBe('import.unsupportedType');
    expect(await reason('utan-filändelse', 'hej')).toBe('import.unsupportedType');
    expect(await reason('trasig.csv', 'kund;projekt\n"Acme;Webb')).toBe('import.corrupt');
  });
});
