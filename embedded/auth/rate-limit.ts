// Fixed-window request counters kept in memory, per limit and key (IP or email), like GoTrue's
// per-IP limits. The stand-in is one process, so memory is the right place for them.

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export type RateLimitName =
  | 'signInPerIp'
  | 'signInPerEmail'
  | 'signUpPerIp'
  | 'tokenPerIp'
  | 'recoverPerIp'
  | 'recoverPerEmail'
  | 'reauthenticatePerUser'
  | 'nonceChecksPerUser'
  | 'mfaChallengePerUser'
  | 'mfaVerifyPerUser';

/**
 * Defaults are looser per IP than Supabase's (30 per 5 minutes): behind the Next.js server every
 * user arrives from the same address. Per email they stay tight, since that is what guessing attacks.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimit> = {
  signInPerIp: { max: 300, windowSeconds: 300 },
  signInPerEmail: { max: 60, windowSeconds: 300 },
  signUpPerIp: { max: 60, windowSeconds: 300 },
  // GoTrue's token_refresh limit counts every /token request (sign-in, refresh, code exchange).
  tokenPerIp: { max: 150, windowSeconds: 300 },
  recoverPerIp: { max: 60, windowSeconds: 3600 },
  recoverPerEmail: { max: 5, windowSeconds: 3600 },
  reauthenticatePerUser: { max: 5, windowSeconds: 3600 },
  // A nonce has six digits: a handful of guesses per hour leaves a thief no real chance.
  nonceChecksPerUser: { max: 10, windowSeconds: 3600 },
  // GoTrue's MFA limit is 15 challenges and 15 verifications a minute per IP; behind the app
  // server every user shares one IP, so the stand-in counts per user instead.
  mfaChallengePerUser: { max: 15, windowSeconds: 60 },
  mfaVerifyPerUser: { max: 15, windowSeconds: 60 },
};

/** [auth.rate_limit] of config.toml: requests per 5 minutes per IP, as the CLI hands them to GoTrue. */
export interface ConfiguredRateLimits {
  /** sign_in_sign_ups (GoTrue's rate_limit_otp): sign-ups here. */
  signInSignUps?: number;
  /** token_refresh (GoTrue's rate_limit_token_refresh): every /token request. */
  tokenRefresh?: number;
}

export function configuredLimits(configured: ConfiguredRateLimits): Partial<Record<RateLimitName, RateLimit>> {
  return {
    ...(configured.signInSignUps !== undefined ? { signUpPerIp: { max: configured.signInSignUps, windowSeconds: 300 } } : {}),
    ...(configured.tokenRefresh !== undefined ? { tokenPerIp: { max: configured.tokenRefresh, windowSeconds: 300 } } : {}),
  };
}

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limits: Record<RateLimitName, RateLimit>,
    private readonly now: () => Date,
  ) {}

  /** Counts one request; false when the window is already full. */
  take(name: RateLimitName, key: string): boolean {
    const limit = this.limits[name];
    const now = this.now().getTime();
    const id = `${name}:${key}`;
    let window = this.windows.get(id);
    if (!window || now - window.startedAt >= limit.windowSeconds * 1000) {
      window = { startedAt: now, count: 0 };
      this.windows.set(id, window);
      this.sweep(now);
    }
    if (window.count >= limit.max) return false;
    window.count += 1;
    return true;
  }

  /** Drops windows that ended long ago so the map does not grow without bound. */
  private sweep(now: number) {
    if (this.windows.size < 10_000) return;
    for (const [id, window] of this.windows) {
      const name = id.slice(0, id.indexOf(':')) as RateLimitName;
      if (now - window.startedAt >= this.limits[name].windowSeconds * 1000) this.windows.delete(id);
    }
  }
}
