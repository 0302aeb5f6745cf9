import { describe, expect, it } from 'vitest';
import { FILTERED, scrubBreadcrumb, scrubEvent, scrubUrl } from '../../lib/observability/scrub';

describe('Sentry scrubber', () => {
  it('removes secret query parameters and token fragments but keeps the rest of the URL', () => {
    const url = scrubUrl('https://app.test/auth/confirm?token_hash=abc123&type=recovery&next=/reset-password#access_token=eyJ');
    expect(url).not.toContain('abc123');
    expect(url).not.toContain('eyJ');
    expect(url).toContain('type=recovery');
    expect(url).toContain('/auth/confirm');
  });

  it('strips bodies, cookies, auth headers, emails and reduces the user to an opaque id', () => {
    const event = scrubEvent({
      message: 'Sign-in failed for anna.andersson@example.se',
      user: { id: '3b8c2a0e-1111-4222-8333-444455556666', email: 'anna.andersson@example.se', ip_address: '10.1.2.3', username: 'anna' },
      request: {
        url: 'https://app.test/login?email=anna.andersson@example.se&lang=sv',
        data: { password: 'hemligt-lösen' },
        cookies: { 'sb-x-auth-token': 'session' },
        query_string: 'code=XYZ&refresh_token=rt&lang=en',
        headers: { Authorization: 'Bearer eyJ', Cookie: 'sb-x-auth-token=session', 'User-Agent': 'Chromium' },
      },
      exception: {
        values: [
          { type: 'Error', value: 'No invoice for erik@example.com', stacktrace: { frames: [{ filename: 'app/page.tsx', lineno: 3 }] } },
        ],
      },
    });
    const text = JSON.stringify(event);
    for (const secret of ['anna.andersson@example.se', 'hemligt-lösen', 'session', 'XYZ', 'eyJ', '10.1.2.3', 'erik@example.com', '"rt"']) {
      expect(text).not.toContain(secret);
    }
    expect(event.user).toEqual({ id: '3b8c2a0e-1111-4222-8333-444455556666' });
    expect(event.request.headers).toMatchObject({ Authorization: FILTERED, Cookie: FILTERED, 'User-Agent': 'Chromium' });
    expect(event.exception.values[0].stacktrace.frames[0]).toEqual({ filename: 'app/page.tsx', lineno: 3 });
    expect(event.request.query_string).toContain('lang=en');
  });

  it('cleans breadcrumbs: URLs, messages and bodies', () => {
    const crumb = scrubBreadcrumb({
      category: 'fetch',
      message: 'POST https://api.test/auth/v1/token?grant_type=password for kund@example.se',
      data: { url: 'https://api.test/auth/v1/verify?token=secret-token&type=recovery', body: '{"password":"x"}', method: 'POST' },
    });
    const text = JSON.stringify(crumb);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('kund@example.se');
    expect(text).not.toContain('password":"x');
    expect(crumb.data).toMatchObject({ method: 'POST' });
  });
});
