import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const migrationsDir = path.join(repoRoot, 'supabase/migrations');
export const testDataDir = path.join(repoRoot, '.data/test');
