// Seconds from the run command (`npm run dev`) to the first 200 from the app, on a fresh data
// folder (creates, migrates and seeds the database) and again on the existing one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/support/ports';
import { repoRoot } from '../tests/support/paths';
import { emit, round } from './support';

async function timeToFirst200(dataDir: string) {
  const [appPort, apiPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const start = performance.now();
  const child = spawn('npm', ['run', 'dev'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      EMBEDDED_DATA_DIR: dataDir,
      PORT: String(appPort),
      EMBEDDED_API_PORT: String(apiPort),
      EMBEDDED_DB_PORT: String(dbPort),
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - start > 300_000) throw new Error('no 200 within 5 minutes');
      const ok = await fetch(`http://localhost:${appPort}/login`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - start) / 1000;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-bench-startup-'));
try {
  emit({ bench: 'run_command_to_first_200', data: 'fresh', seconds: round(await timeToFirst200(dataDir), 1) });
  emit({ bench: 'run_command_to_first_200', data: 'existing', seconds: round(await timeToFirst200(dataDir), 1) });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
