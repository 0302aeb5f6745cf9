// Files built to exhaust the server that reads them (issue 13, finding 12): a Word file whose XML
// inflates a thousandfold, the same with a central directory that lies about it, one with too
// many entries, a PDF whose page content inflates a thousandfold, and one with too many pages.
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { outlineDocx } from './documents';

const MiB = 1024 * 1024;

async function docxWith(replace: (zip: JSZip) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await outlineDocx());
  replace(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** word/document.xml is one paragraph of `mib` MiB of text (33 KB for 32 MiB). */
export function docxBomb(mib = 32): Promise<Buffer> {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' +
    'A'.repeat(mib * MiB) +
    '</w:t></w:r></w:p></w:body></w:document>';
  return docxWith((zip) => zip.file('word/document.xml', xml));
}

/** Rewrites every local and central header of `name` to claim `size` uncompressed bytes. */
export function lieAboutSize(zipBytes: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zipBytes);
  const encoded = Buffer.from(name);
  for (const [signature, nameAt, sizeAt] of [
    [0x04034b50, 30, 22],
    [0x02014b50, 46, 24],
  ] as const) {
    for (let at = out.indexOf(Buffer.from([0x50, 0x4b])); at >= 0; at = out.indexOf(Buffer.from([0x50, 0x4b]), at + 1)) {
      if (out.readUInt32LE(at) === signature && out.subarray(at + nameAt, at + nameAt + encoded.length).equals(encoded))
        out.writeUInt32LE(size, at + sizeAt);
    }
  }
  return out;
}

export function docxWithEntries(count: number): Promise<Buffer> {
  return docxWith((zip) => {
    for (let i = 0; i < count; i++) zip.file(`customXml/item${i}.xml`, '<a/>');
  });
}

function pdf(objects: string[], streams: Record<number, Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const stream = streams[i];
    const body = stream
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${o}\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')])
      : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1');
    parts.push(body);
    length += body.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One page whose content stream inflates to `mib` MiB (text drawn, then spaces). */
export function pdfBomb(mib = 64): Buffer {
  const content = deflateSync(Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td (Kund AB) Tj ET\n'), Buffer.alloc(mib * MiB, 0x20)]), {
    level: 9,
  });
  return pdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${content.length} /Filter /FlateDecode >>`,
      FONT,
    ],
    { 3: content },
  );
}

/** `count` pages sharing one small content stream. */
export function pdfWithPages(count: number): Buffer {
  const content = Buffer.from('BT /F1 12 Tf 72 720 Td (Projekt) Tj ET');
  const kids = Array.from({ length: count }, (_, i) => `${i + 5} 0 R`).join(' ');
  const pages = Array.from(
    { length: count },
    () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>',
  );
  return pdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
      `<< /Length ${content.length} >>`,
      FONT,
      ...pages,
    ],
    { 2: content },
  );
}
