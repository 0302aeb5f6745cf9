import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';
import { freePort } from '../support/ports';

// Runs `npm run dev`'s script until it prints `until`, then stops it; returns what it printed.
function runDev(env: Record<string, string>, until: RegExp): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) process.kill(-child.pid!, 'SIGTERM');
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => resolve({ output, code }));
  });
}

describe('the run command with a Supabase project configured', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-dev-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start with a half-configured project and names what is missing', async () => {
    const { output, code } = await runDev(
      { NEXT_PUBLIC_SUPABASE_URL: 'https://example.supabase.co', NEXT_PUBLIC_SUPABASE_ANON_KEY: '', DATABASE_URL: '', EMBEDDED_DATA_DIR: dataDir },
      /must be set/,
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/NEXT_PUBLIC_SUPABASE_ANON_KEY must be set/);
  });

  it('uses that project and does not start the embedded stand-in', async () => {
    const { output } = await runDev(
      {
        NEXT_PUBLIC_SUPABASE_URL: 'https://example.supabase.co',
        NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key',
        DATABASE_URL: 'postgresql://app_server:x@127.0.0.1:1/postgres',
        EMBEDDED_DATA_DIR: dataDir,
        PORT: String(await freePort()),
      },
      /Using the Supabase project/,
    );
    expect(output).toContain('Using the Supabase project at https://example.supabase.co');
    expect(output).not.toContain('embedded Supabase stand-in');
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });
});
