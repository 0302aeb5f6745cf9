// The app's own rate limits on sign-in, sign-up and password reset, in front of Auth's: fixed
// windows in this server's memory, per client address and per email address. Auth keeps its
// own limits; these stop guessing before it reaches Auth and hold for any Auth backend.
import { headers } from 'next/headers';
import { ActionError } from '@/lib/actions/action';

interface Limit {
  max: number;
  windowSeconds: number;
}

/** Sign-in counts failures only, so someone who signs in often is never held up. */
export const APP_RATE_LIMITS = {
  signInFailuresPerEmail: { max: 10, windowSeconds: 300 },
  signInFailuresPerIp: { max: 100, windowSeconds: 300 },
  signUpPerIp: { max: 50, windowSeconds: 600 },
  resetPerEmail: { max: 5, windowSeconds: 3600 },
  resetPerIp: { max: 30, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof APP_RATE_LIMITS;

export class WindowCounter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly limits: Record<string, Limit>, private readonly now: () => number = Date.now) {}

  private window(name: string, key: string) {
    const limit = this.limits[name];
    const now = this.now();
    const id = `${name}:${key}`;
    let window = this.windows.get(id);
    if (!window || now - window.startedAt >= limit.windowSeconds * 1000) {
      if (this.windows.size > 50_000) this.windows.clear(); // bounded memory; a reset only loosens
      window = { startedAt: now, count: 0 };
      this.windows.set(id, window);
    }
    return { window, limit };
  }

  /** Whether another attempt is allowed (does not count it). */
  allows(name: string, key: string): boolean {
    const { window, limit } = this.window(name, key);
    return window.count < limit.max;
  }

  count(name: string, key: string): void {
    this.window(name, key).window.count += 1;
  }
}

// On globalThis: the bundler may load this module more than once in one server, and every copy
// must count into the same windows.
const shared = globalThis as typeof globalThis & { __konsultRateLimits?: WindowCounter };
const counter = (shared.__konsultRateLimits ??= new WindowCounter(APP_RATE_LIMITS));

/** The client address as the reverse proxy reports it (first hop), else a shared bucket. */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'direct';
}

/** Refuses when any of the limits is exhausted; counts the attempt when `count` is set. */
export function enforce(checks: [LimitName, string][], count = true): void {
  if (checks.some(([name, key]) => !counter.allows(name, key))) throw new ActionError('errors.rateLimited');
  if (count) for (const [name, key] of checks) counter.count(name, key);
}

export function countFailure(checks: [LimitName, string][]): void {
  for (const [name, key] of checks) counter.count(name, key);
}
