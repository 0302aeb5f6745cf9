// The app's own rate limits: a fixed window per limit and key, with a moved clock.
import { describe, expect, it } from 'vitest';
import { APP_RATE_LIMITS, WindowCounter } from '@/lib/privacy/rate-limit';

describe('WindowCounter', () => {
  it('allows up to the limit per key in a window, then refuses until the window ends', () => {
    let now = 0;
    const counter = new WindowCounter({ signIn: { max: 3, windowSeconds: 60 } }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(counter.allows('signIn', 'a@example.test')).toBe(true);
      counter.count('signIn', 'a@example.test');
    }
    expect(counter.allows('signIn', 'a@example.test')).toBe(false);
    expect(counter.allows('signIn', 'b@example.test')).toBe(true); // per key
    now = 59_999;
    expect(counter.allows('signIn', 'a@example.test')).toBe(false);
    now = 60_000;
    expect(counter.allows('signIn', 'a@example.test')).toBe(true);
  });

  it('holds sign-in guessing to a handful per email and resets to five an hour', () => {
    expect(APP_RATE_LIMITS.signInFailuresPerEmail).toEqual({ max: 10, windowSeconds: 300 });
    expect(APP_RATE_LIMITS.resetPerEmail).toEqual({ max: 5, windowSeconds: 3600 });
  });
});
