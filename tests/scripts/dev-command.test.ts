import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';
import { freePort } from '../support/ports';

// Runs `npm run dev`'s script until it prints `until` (then runs `meanwhile`), then stops it;
// returns what it printed.
function runDev(
  env: Record<string, string>,
  until: RegExp,
  meanwhile: () => Promise<void> = async () => {},
): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise((resolve) => {
    let seen = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (seen || !until.test(output)) return;
      seen = true;
      void meanwhile().finally(() => process.kill(-child.pid!, 'SIGTERM'));
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
      {
        NEXT_PUBLIC_SUPABASE_URL: 'https://example.supabase.co',
        NEXT_PUBLIC_SUPABASE_ANON_KEY: '',
        DATABASE_URL: '',
        EMBEDDED_DATA_DIR: dataDir,
      },
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

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('the dev server listens on loopback only (issue 13, finding 15)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-dev-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(!external)(
    "accepts connections on 127.0.0.1 and none on the machine's network address",
    async () => {
      const port = await freePort();
      const seen: Record<string, boolean> = {};
      await runDev(
        {
          NEXT_PUBLIC_SUPABASE_URL: 'https://example.supabase.co',
          NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon-key',
          DATABASE_URL: 'postgresql://app_server:x@127.0.0.1:1/postgres',
          EMBEDDED_DATA_DIR: dataDir,
          PORT: String(port),
          APP_HOST: '',
        },
        /Ready in/,
        async () => {
          seen.loopback = await accepts('127.0.0.1', port);
          seen.network = await accepts(external!, port);
        },
      );
      expect(seen).toEqual({ loopback: true, network: false });
    },
    120_000,
  );
});
