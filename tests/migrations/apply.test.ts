import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, ChangedMigrationError, readMigrations } from '../../lib/migrations/apply';
import { openTestDatabase, TARGETS, type TestDatabase } from '../support/db';

// The runner is exercised on a scratch schema inside the test database copy, from a scratch folder.
for (const target of TARGETS) {
  describe(`migration runner [${target}]`, () => {
    let db: TestDatabase;
    let client: pg.Client;
    let dir: string;

    beforeAll(async () => {
      db = await openTestDatabase(target);
      client = new pg.Client(db.adminUrl);
      await client.connect();
      dir = mkdtempSync(path.join(os.tmpdir(), 'konsult-migrations-'));
    });
    afterAll(async () => {
      await client.end();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const write = (file: string, sql: string) => writeFileSync(path.join(dir, file), sql);
    const recorded = async () =>
      (await client.query(`select version, name from supabase_migrations.schema_migrations where version like '2030%' order by version`))
        .rows;

    it('applies files in order and records them as the Supabase CLI does', async () => {
      write('20300101000000_scratch_table.sql', 'create table public.scratch (id int primary key);');
      write('20300101000001_scratch_column.sql', 'alter table public.scratch add column note text;');
      const result = await applyMigrations(client, readMigrations(dir));
      expect(result.applied).toEqual(['20300101000000_scratch_table.sql', '20300101000001_scratch_column.sql']);
      expect(await recorded()).toEqual([
        { version: '20300101000000', name: 'scratch_table' },
        { version: '20300101000001', name: 'scratch_column' },
      ]);
      const again = await applyMigrations(client, readMigrations(dir));
      expect(again.applied).toEqual([]);
    });

    it('rolls a failing migration back whole and records nothing for it', async () => {
      write('20300101000002_half_broken.sql', 'create table public.scratch_two (id int); select 1/0;');
      await expect(applyMigrations(client, readMigrations(dir))).rejects.toThrow(
        /20300101000002_half_broken.sql failed and was rolled back/,
      );
      const table = await client.query(`select to_regclass('public.scratch_two') as t`);
      expect(table.rows[0].t).toBeNull();
      expect((await recorded()).map((r) => r.version)).not.toContain('20300101000002');
      rmSync(path.join(dir, '20300101000002_half_broken.sql'));
    });

    it('refuses to run when an applied migration file was changed', async () => {
      write('20300101000000_scratch_table.sql', 'create table public.scratch (id bigint primary key);');
      write('20300101000003_later.sql', 'create table public.scratch_three (id int primary key);');
      await expect(applyMigrations(client, readMigrations(dir))).rejects.toThrow(ChangedMigrationError);
      await expect(applyMigrations(client, readMigrations(dir))).rejects.toThrow(/20300101000000_scratch_table.sql has changed/);
      const later = await client.query(`select to_regclass('public.scratch_three') as t`);
      expect(later.rows[0].t).toBeNull();
    });

    it('rejects a file name that does not follow YYYYMMDDHHMMSS_what_it_does.sql', () => {
      write('add_stuff.sql', 'select 1;');
      expect(() => readMigrations(dir)).toThrow(/must be named YYYYMMDDHHMMSS_what_it_does.sql/);
      rmSync(path.join(dir, 'add_stuff.sql'));
    });
  });
}
