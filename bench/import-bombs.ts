// Peak server memory while refusing a decompression bomb, side by side with reading a normal file
// of the same kind and with reading the bomb unguarded (mammoth straight on it, as before the
// limits). Each case runs in a fresh process, so its peak (maxRSS) is its own, after reading a
// small file of the same kind first (loading pdfjs alone takes more memory than any PDF here);
// inputs are built here and handed over as files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { extractDocument } from '../lib/import/extract';
import { emit, round } from './support';

const MiB = 1024 * 1024;
const [, , mode, file, name, warmUp] = process.argv;

async function runCase(read: 'guarded' | 'unguarded') {
  await extractDocument(name, readFileSync(warmUp));
  const bytes = readFileSync(file);
  const before = process.memoryUsage().rss;
  const start = performance.now();
  let outcome: string;
  try {
    if (read === 'guarded') await extractDocument(name, bytes);
    else await mammoth.convertToHtml({ buffer: bytes });
    outcome = 'read';
  } catch (error) {
    outcome = (error as { reason?: string }).reason ?? 'failed';
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({ outcome, ms: round(performance.now() - start, 1), peak_extra_mib: round(Math.max(0, peak - before) / MiB, 1) }),
  );
}

if (mode === 'guarded' || mode === 'unguarded') {
  await runCase(mode);
} else {
  const { docxBomb, pdfBomb, pdfWithPages } = await import('../tests/import/bombs');
  const { outlineDocx, offerPdf } = await import('../tests/import/documents');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-bombs-'));
  const cases = [
    { label: 'docx_normal', name: 'kunder.docx', bytes: await outlineDocx(), read: 'guarded' },
    { label: 'docx_bomb_refused', name: 'bomb.docx', bytes: await docxBomb(), read: 'guarded' },
    { label: 'docx_bomb_unguarded', name: 'bomb.docx', bytes: await docxBomb(), read: 'unguarded' },
    { label: 'pdf_normal', name: 'offert.pdf', bytes: await offerPdf(), read: 'guarded' },
    { label: 'pdf_bomb_refused', name: 'bomb.pdf', bytes: pdfBomb(), read: 'guarded' },
  ];
  const self = fileURLToPath(import.meta.url);
  const tsx = path.join(path.dirname(self), '../node_modules/.bin/tsx');
  const warmUps = { docx: await outlineDocx(), pdf: pdfWithPages(1) };
  for (const [format, bytes] of Object.entries(warmUps)) writeFileSync(path.join(dir, `warm-up.${format}`), bytes);
  try {
    for (const c of cases) {
      const input = path.join(dir, c.name);
      writeFileSync(input, c.bytes);
      const child = spawnSync(tsx, [self, c.read, input, c.name, path.join(dir, `warm-up.${path.extname(c.name).slice(1)}`)], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`${c.label}: ${child.stderr}`);
      emit({
        bench: 'import_bomb_memory',
        case: c.label,
        bytes: c.bytes.byteLength,
        ...JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}'),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
