// Where the embedded default lives on a developer's machine, and the status file that
// `npm run status` prints (the stand-in's equivalent of `supabase status`).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const local = {
  dataDir: path.resolve(repoRoot, process.env.EMBEDDED_DATA_DIR ?? '.data/embedded'),
  supabaseDir: path.join(repoRoot, 'supabase'),
  apiPort: Number(process.env.EMBEDDED_API_PORT ?? 54321),
  dbPort: Number(process.env.EMBEDDED_DB_PORT ?? 54322),
  appPort: Number(process.env.PORT ?? 3000),
};

/**
 * Extra arguments for `next start`. Node closes an idle keep-alive connection after 5 s; a client
 * that reuses it at that moment (a reverse proxy, or a test's request context) gets ECONNRESET.
 * Idle connections are kept longer than a proxy's usual 60 s, so the client always closes first.
 */
export const NEXT_START_ARGS = ['--keepAliveTimeout', '70000'];

export interface LocalStatus {
  pid: number;
  appUrl: string;
  apiUrl: string;
  anonKey: string;
  dbUrl: string;
  appDbUrl: string;
  outboxDir: string;
  demo?: { email: string; password: string; accountantEmail: string };
}

const statusFile = () => path.join(local.dataDir, 'status.json');

export function writeStatus(status: LocalStatus) {
  mkdirSync(local.dataDir, { recursive: true });
  writeFileSync(statusFile(), JSON.stringify(status, null, 2));
}

export function clearStatus() {
  rmSync(statusFile(), { force: true });
}

/** The running stand-in's status, or undefined when none runs. */
export function readStatus(): LocalStatus | undefined {
  if (!existsSync(statusFile())) return undefined;
  const status = JSON.parse(readFileSync(statusFile(), 'utf8')) as LocalStatus;
  try {
    process.kill(status.pid, 0);
    return status;
  } catch {
    return undefined;
  }
}

/** The environment the app needs, as lines a shell or .env file accepts. */
export function envLines(status: LocalStatus): string[] {
  return [
    `NEXT_PUBLIC_SUPABASE_URL=${status.apiUrl}`,
    `NEXT_PUBLIC_SUPABASE_ANON_KEY=${status.anonKey}`,
    `DATABASE_URL=${status.appDbUrl}`,
    `ADMIN_DATABASE_URL=${status.dbUrl}`,
  ];
}

export function describeStatus(status: LocalStatus): string {
  const lines = [
    '',
    '  Konsultverkstad runs on the embedded Supabase stand-in.',
    '',
    `         App URL: ${status.appUrl}`,
    `         API URL: ${status.apiUrl}`,
    `        anon key: ${status.anonKey}`,
    `          DB URL: ${status.dbUrl}   (psql "${status.dbUrl}")`,
    `      App DB URL: ${status.appDbUrl}`,
    `          Outbox: ${status.outboxDir}   (emails the stand-in "sends")`,
  ];
  if (status.demo) {
    lines.push(
      '',
      `  Demo sign-in: ${status.demo.email} / ${status.demo.password}`,
      `  Demo accountant: ${status.demo.accountantEmail} / ${status.demo.password}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
