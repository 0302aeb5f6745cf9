// Documents the import tests generate: an outline DOCX (docx package), a PDF (@react-pdf/renderer),
// a CSV with Swedish headers, and broken ones (encrypted, scanned, corrupt).
import { Document as PdfDocument, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { createElement as h } from 'react';
import { orgNumber } from '../db/fixtures';

export const ORG_NORRSKEN = orgNumber('556123456');
export const VAT_NORRSKEN = `SE${ORG_NORRSKEN.replace('-', '')}01`;
export const ORG_FJALL = orgNumber('559000111');

/** Kund → Projekt → Uppgift as Word headings and bullets, with details lines and a table. */
export async function outlineDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Kunder', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Norrsken Energi AB', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: `Org.nr: ${ORG_NORRSKEN}` }),
          new Paragraph({ text: `Momsreg.nr: ${VAT_NORRSKEN}` }),
          new Paragraph({ text: 'E-post: faktura@norrsken.example' }),
          new Paragraph({ text: 'Adress: Storgatan 1, 111 22 Stockholm' }),
          new Paragraph({ text: 'Ramavtal sedan 2024, timpris enligt bilaga.' }),
          new Paragraph({ text: 'Ny webbplats', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Förstudie', bullet: { level: 0 } }),
          new Paragraph({ text: 'Design', bullet: { level: 0 } }),
          new Paragraph({ text: 'Lansering', bullet: { level: 0 } }),
          new Paragraph({ text: 'Support', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Månadsrapport', bullet: { level: 0 } }),
          new Paragraph({ text: 'Fjällbyrån HB', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: `Organisationsnummer: ${ORG_FJALL}` }),
          new Paragraph({ text: 'Bokningssystem', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Kravlista', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: ['Projekt', 'Uppgift'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
              new TableRow({ children: ['Bokningssystem', 'Testplan'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An offer as a PDF: a large title per client, a medium heading per project, bullets for tasks. */
export async function offerPdf(): Promise<Buffer> {
  const title = { fontSize: 22, marginBottom: 6 };
  const sub = { fontSize: 16, marginTop: 8, marginBottom: 4 };
  const body = { fontSize: 11, marginBottom: 2 };
  return renderToBuffer(
    h(
      PdfDocument,
      null,
      h(
        Page,
        { size: 'A4', style: { padding: 40 } },
        h(Text, { style: title }, 'Havsbris Konsult AB'),
        h(Text, { style: body }, 'Offert för uppdrag under våren. Priser exklusive moms.'),
        h(Text, { style: body }, `Org.nr 556677-8899 och momsregistreringsnummer SE556677889901.`),
        h(Text, { style: sub }, 'Intern portal'),
        h(Text, { style: body }, '• Workshop med ledningen'),
        h(Text, { style: body }, '• Prototyp'),
        h(Text, { style: sub }, 'Utbildning'),
        h(Text, { style: body }, '• Kursmaterial'),
      ),
    ) as never,
  );
}

/** A spreadsheet export: semicolons, Swedish headers, client filled down. */
export function clientsCsv(): string {
  return [
    'Kund;Projekt;Uppgift;Org.nr;E-post',
    `Lindqvist Bygg AB;Ombyggnad kontor;Ritningar;${ORG_FJALL};info@lindqvist.example`,
    ';Ombyggnad kontor;Bygglov;;',
    'Lindqvist Bygg AB;Underhåll;Besiktning;;',
    'Tallkotten AB;Ekonomisystem;Upphandling;556000-0000;',
  ].join('\r\n');
}

/** A PDF whose pages hold no text (what a scanner produces, minus the image). */
export async function scannedPdf(): Promise<Buffer> {
  return renderToBuffer(h(PdfDocument, null, h(Page, { size: 'A4' })) as never);
}

/**
 * A PDF encrypted with a password nobody knows: a standard security handler whose /U entry no
 * empty password matches, which readers answer by asking for the password.
 */
export function encryptedPdf(): Buffer {
  const hex = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32).split('').reverse().join('')}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16)}> <${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
