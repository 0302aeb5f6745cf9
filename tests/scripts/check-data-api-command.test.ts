// Issue 14, the Data API: on hosted Supabase the public schema is served over PostgREST to anyone
// holding the anon key unless the operator exposes no schema. The app never uses the Data API, so
// the README tells the operator to expose none, and `npm run check:data-api` shows it: it asks for
// every public table and function (calling record_failed_sign_in for someone else's address, for
// one) and fails on any answer but a refusal. Run against the stand-in, which has no Data API, and
// against a Data API that serves the schema, as a project left at Supabase's default does.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicApiSurface } from '../../scripts/check-data-api';
import { repoRoot } from '../support/paths';
import { startTestStandIn, type TestStandIn } from '../support/stand-in';

const run = promisify(execFile);

async function checkDataApi(url: string, anonKey: string): Promise<{ exit: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/check-data-api.ts'], {
      cwd: repoRoot,
      env: { ...process.env, NEXT_PUBLIC_SUPABASE_URL: url, NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey },
    });
    return { exit: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exit: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

let standIn: TestStandIn;
let exposed: http.Server;
let exposedUrl: string;
const served: string[] = [];

beforeAll(async () => {
  standIn = await startTestStandIn();
  // A Data API with `public` exposed: every table lists (empty, as RLS leaves it), every function answers.
  exposed = http.createServer((req, res) => {
    served.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/rest/v1/rpc/') ? 'null' : '[]');
  });
  await new Promise<void>((resolve) => exposed.listen(0, '127.0.0.1', resolve));
  exposedUrl = `http://127.0.0.1:${(exposed.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await standIn?.stop();
  await new Promise((resolve) => exposed?.close(resolve));
});

describe('npm run check:data-api', () => {
  it('knows the whole public surface the migrations create', () => {
    const { relations, functions } = publicApiSurface();
    expect(relations).toEqual(expect.arrayContaining(['workspaces', 'invoices', 'time_entries', 'audit_log', 'invoice_payments']));
    expect(functions).toEqual(expect.arrayContaining(['record_failed_sign_in', 'send_invoice', 'accept_invitation']));
  });

  it('passes on a project that serves no schema (the stand-in): every request refused', async () => {
    const { exit, out } = await checkDataApi(standIn.apiUrl, standIn.anonKey);
    expect(out).not.toContain('SERVED');
    expect(out).toContain('The Data API refused all');
    expect(exit).toBe(0);
  }, 60_000);

  it('fails on a project that exposes public, naming what was served', async () => {
    const { exit, out } = await checkDataApi(exposedUrl, standIn.anonKey);
    expect(exit).toBe(1);
    expect(out).toMatch(/SERVED\s+200\s+GET workspaces/);
    expect(out).toMatch(/SERVED\s+200\s+POST rpc\/record_failed_sign_in/);
    expect(out).toContain('expose no schema');
    expect(served).toContain('POST /rest/v1/rpc/record_failed_sign_in');
  }, 60_000);
});
