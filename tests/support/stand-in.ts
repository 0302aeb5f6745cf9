// Starts a throwaway stand-in (fresh data folder, free ports) for API conformance tests that use
// the real supabase-js client.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStandIn, type StandIn } from '../../embedded/stand-in';
import { repoRoot } from './paths';
import { freePort } from './ports';

// supabase-js builds its Realtime client eagerly and Node 20 has no WebSocket; tests never open
// one, so a constructor that refuses is enough.
class NoWebSocket {
  constructor() {
    throw new Error('Realtime is not used in these tests');
  }
}

/** Options for a supabase-js client in tests: no stored session, no Realtime. */
export const testClientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoWebSocket as never },
};

export interface TestStandIn extends StandIn {
  dataDir: string;
  /** A fresh supabase-js client with its own in-memory session. */
  client(): SupabaseClient;
}

/** The job runner stays off unless asked for (`jobs: true`): tests drive jobs themselves. */
export async function startTestStandIn(opts: { seed?: boolean; siteUrl?: string; jobs?: boolean } = {}): Promise<TestStandIn> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-standin-'));
  const standIn = await startStandIn({
    dataDir,
    supabaseDir: path.join(repoRoot, 'supabase'),
    dbPort: await freePort(),
    apiPort: await freePort(),
    siteUrl: opts.siteUrl ?? 'http://localhost:3000',
    seed: opts.seed ?? false,
    jobs: opts.jobs ?? false,
  });
  return {
    ...standIn,
    dataDir,
    client: () =>
      createClient(standIn.apiUrl, standIn.anonKey, testClientOptions),
    async stop() {
      await standIn.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
