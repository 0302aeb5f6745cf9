import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: process.env.SUPABASE_CLI_CHECK ? ['tests/migrations/supabase-cli.test.ts'] : ['tests/**/*.test.ts'],
    // The CLI round trip runs once in CI, through scripts/check-supabase-cli.sh.
    exclude: process.env.SUPABASE_CLI_CHECK ? [] : ['tests/migrations/supabase-cli.test.ts', '**/node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.data/test/results.json' },
  },
});
