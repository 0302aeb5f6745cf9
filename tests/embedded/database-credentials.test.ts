// Issue 13, finding 1, on the embedded default itself: the superuser's password is generated,
// not guessable, kept (readable by the developer only) in the data folder, and the database's
// port refuses everyone without it, including the old `postgres:postgres`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../embedded/database';
import { loginOutcome } from '../support/db';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-credentials-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded database credentials (issue 13: any login was superuser)', () => {
  it('generates the passwords, keeps them in the data folder for the developer only, and refuses the old guessable ones', async () => {
    const first = await startEmbeddedDatabase({ dataDir, port: 0 });
    let adminUrl: string;
    try {
      adminUrl = first.adminUrl;
      const admin = new URL(adminUrl);
      expect(admin.username).toBe('postgres');
      expect(decodeURIComponent(admin.password).length).toBeGreaterThanOrEqual(32);
      expect(new URL(first.appUrl).password).not.toBe(admin.password);
      expect(await loginOutcome(adminUrl)).toBe('connected');
      const guessed = new URL(adminUrl);
      guessed.password = 'postgres';
      expect(await loginOutcome(guessed)).toBe('28P01');
      const oldApp = new URL(first.appUrl);
      oldApp.password = 'app_server';
      expect(await loginOutcome(oldApp)).toBe('28P01');
      const file = statSync(path.join(dataDir, 'database-credentials.json'));
      expect(file.mode & 0o077).toBe(0);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedDatabase({ dataDir, port: 0 });
    try {
      expect(new URL(again.adminUrl).password).toBe(new URL(adminUrl).password);
      expect(await loginOutcome(again.adminUrl)).toBe('connected');
      expect(await loginOutcome(again.appUrl)).toBe('connected');
    } finally {
      await again.stop();
    }
  }, 300_000);
});
