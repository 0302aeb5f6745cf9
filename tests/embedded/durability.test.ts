import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

function startDatabaseProcess(dataDir: string): Promise<{ child: ChildProcess; adminUrl: string }> {
  // One node process (tsx as a loader, not a wrapper), so SIGKILL hits the database itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'tests/support/embedded-db-process.ts'), dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`database process exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, adminUrl: JSON.parse(line).adminUrl }));
  });
}

describe('embedded database durability', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-durability-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every committed row when the process is killed with SIGKILL and restarted', async () => {
    const first = await startDatabaseProcess(dataDir);
    const client = new pg.Client(first.adminUrl);
    await client.connect();
    await client.query('create table public.crash_probe (id int primary key, note text)');
    for (let i = 1; i <= 20; i++) await client.query('insert into public.crash_probe values ($1, $2)', [i, `rad ${i} åäö`]);
    // An open, uncommitted transaction at the moment of the crash must leave no trace.
    await client.query('begin');
    await client.query(`insert into public.crash_probe values (999, 'never committed')`);
    client.on('error', () => {}); // the connection dies with the process, as intended
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    await client.end().catch(() => {});

    const second = await startDatabaseProcess(dataDir);
    const reader = new pg.Client(second.adminUrl);
    await reader.connect();
    const { rows } = await reader.query('select count(*)::int as n, max(id) as top, min(note) as sample from public.crash_probe');
    await reader.end();
    second.child.kill('SIGKILL');
    expect(rows[0]).toEqual({ n: 20, top: 20, sample: 'rad 1 åäö' });
  });
});
