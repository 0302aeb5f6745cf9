// `npm run bench`: runs each benchmark in its own process, one after another; each prints JSON lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts', 'exports-standin-child.ts'].includes(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = false;
for (const file of benches) {
  const result = spawnSync(path.join(dir, '../node_modules/.bin/tsx'), [path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench ${file} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
