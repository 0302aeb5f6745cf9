// The environment contract: the run command (or a hosted deployment) sets these for the Next
// process. Parsed lazily so `next build` works without them and a missing one fails loudly.
import { z } from 'zod';

const schema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: z.url({ error: 'must be the Supabase API URL, e.g. http://127.0.0.1:54321' }),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string({ error: 'must be the anon (publishable) key' }).min(20, 'must be the anon (publishable) key'),
  DATABASE_URL: z
    .string({ error: 'must be the postgres:// URL of the app_server login role' })
    .regex(/^postgres(ql)?:\/\//, 'must be the postgres:// URL of the app_server login role'),
});

export interface ServerEnv {
  supabaseUrl: string;
  supabaseAnonKey: string;
  databaseUrl: string;
}

let cached: ServerEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(
      `Missing or invalid environment variables for the app:\n${problems}\n` +
        'Start the app with `npm run dev` (it starts the embedded Supabase and sets them), or set them for a hosted project (see README.md).',
    );
  }
  return {
    supabaseUrl: result.data.NEXT_PUBLIC_SUPABASE_URL.replace(/\/$/, ''),
    supabaseAnonKey: result.data.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    databaseUrl: result.data.DATABASE_URL,
  };
}

/** Read from the whole process.env object so Next never inlines build-time values. */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

// How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the app is
// reached directly). Read apart from the Supabase variables so it holds for every caller.
const HOPS_MESSAGE = 'must be the number of reverse proxies in front of the app (0 when none)';
const proxySchema = z.object({
  TRUSTED_PROXY_HOPS: z.coerce.number({ error: HOPS_MESSAGE }).int(HOPS_MESSAGE).min(0, HOPS_MESSAGE).max(10, HOPS_MESSAGE).default(0),
});

let cachedHops: number | undefined;

export function parseTrustedProxyHops(source: Record<string, string | undefined>): number {
  const result = proxySchema.safeParse({ TRUSTED_PROXY_HOPS: source.TRUSTED_PROXY_HOPS || undefined });
  if (!result.success)
    throw new Error(`Invalid environment variable for the app:\n  TRUSTED_PROXY_HOPS: ${result.error.issues[0].message}`);
  return result.data.TRUSTED_PROXY_HOPS;
}

export function trustedProxyHops(): number {
  cachedHops ??= parseTrustedProxyHops(process.env);
  return cachedHops;
}

const siteUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be the app's public URL, e.g. https://app.example.se" })
  .transform((value) => new URL(value).origin);

/**
 * The app's public origin (SITE_URL), the one source of links in emails and of the origin
 * state-changing requests must come from; never the request's Host or X-Forwarded-Host, which a
 * client chooses. Required in production; `npm run dev` sets it, else http://localhost:3000.
 */
export function siteUrl(source: Record<string, string | undefined> = process.env): string {
  const value = source.SITE_URL || (source.NODE_ENV === 'production' ? undefined : 'http://localhost:3000');
  const parsed = siteUrlSchema.safeParse(value);
  if (!parsed.success) throw new Error(`SITE_URL ${value === undefined ? 'is not set' : parsed.error.issues[0].message} (see README.md).`);
  return parsed.data;
}
