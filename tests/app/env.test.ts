import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';

const good = {
  NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321/',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'eyJhbGciOiJFUzI1NiJ9.anon-key-for-tests',
  DATABASE_URL: 'postgresql://app_server:secret@127.0.0.1:54322/postgres',
};

describe('environment contract', () => {
  it('accepts the three variables and trims the trailing slash', () => {
    expect(parseEnv(good)).toEqual({
      supabaseUrl: 'http://127.0.0.1:54321',
      supabaseAnonKey: good.NEXT_PUBLIC_SUPABASE_ANON_KEY,
      databaseUrl: good.DATABASE_URL,
    });
  });

  it('names every missing or invalid variable', () => {
    expect(() => parseEnv({})).toThrow(/NEXT_PUBLIC_SUPABASE_URL[\s\S]*NEXT_PUBLIC_SUPABASE_ANON_KEY[\s\S]*DATABASE_URL/);
    expect(() => parseEnv({ ...good, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be the postgres:\/\/ URL/);
    expect(() => parseEnv({ ...good, NEXT_PUBLIC_SUPABASE_URL: 'not a url' })).toThrow(/NEXT_PUBLIC_SUPABASE_URL/);
  });
});

describe('SITE_URL', () => {
  it('is the configured origin, required in production, localhost in development', async () => {
    const { siteUrl } = await import('@/lib/env');
    expect(siteUrl({ SITE_URL: 'https://app.example.se/some/path' })).toBe('https://app.example.se');
    expect(siteUrl({ NODE_ENV: 'development' })).toBe('http://localhost:3000');
    expect(() => siteUrl({ NODE_ENV: 'production' })).toThrow(/SITE_URL is not set/);
    expect(() => siteUrl({ SITE_URL: 'javascript:alert(1)' })).toThrow(/SITE_URL/);
    expect(() => siteUrl({ SITE_URL: 'evil.example' })).toThrow(/SITE_URL/);
  });
});
