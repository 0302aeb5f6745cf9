// Email links land here in either form Supabase Auth sends them:
// - `?token_hash=…&type=…` (the README's email templates): verified with verifyOtp;
// - `?code=…` (Auth's own link after GET /verify, PKCE as @supabase/ssr asks for it): exchanged for
//   a session with the code verifier this browser kept when it asked for the link.
// Either way the user goes on to `next` signed in. Auth hands out a code only for a link that
// checked out, so a code this browser cannot exchange (opened elsewhere, or after the flow's
// five minutes) still means the address or change is confirmed: a signed-in browser goes on with
// its session renewed (an email change always ends so), any other is told to sign in.
// Bad or expired links go to /login with a clear message.
import { isAuthError, type EmailOtpType } from '@supabase/supabase-js';
import { NextResponse, type NextRequest } from 'next/server';
import { safeNext } from '@/lib/security/safe-next';
import { createClient } from '@/lib/supabase/server';

const TYPES: EmailOtpType[] = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'];
/** The exchange failed only because this browser cannot finish the flow, not because the link was bad. */
const CONFIRMED_ELSEWHERE = ['pkce_code_verifier_not_found', 'flow_state_expired'];

export async function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  const code = searchParams.get('code');
  const tokenHash = searchParams.get('token_hash');
  const type = searchParams.get('type') as EmailOtpType | null;
  const next = safeNext(searchParams.get('next'));
  const login = new URL('/login', request.nextUrl.origin);

  if (code && code.length <= 256) {
    const supabase = await createClient();
    const { error } = await supabase.auth.exchangeCodeForSession(code);
    if (!error) return NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
    if (isAuthError(error) && error.code && CONFIRMED_ELSEWHERE.includes(error.code)) {
      // An email change's code can never be exchanged: supabase-js drops the verifier when it saves
      // the user after updateUser. Auth made the change when the link was opened, so a browser that
      // is still signed in renews its session (the new address in its claims) and goes on.
      if ((await supabase.auth.getUser()).data.user && !(await supabase.auth.refreshSession()).error) {
        return NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
      }
      login.searchParams.set('notice', 'link_confirmed');
      return NextResponse.redirect(login, 303);
    }
  } else if (tokenHash && type && TYPES.includes(type)) {
    const supabase = await createClient();
    const { error } = await supabase.auth.verifyOtp({ type, token_hash: tokenHash });
    if (!error) return NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
  } else if (searchParams.has('message') && !searchParams.has('error_code')) {
    // The first half of a secure email change (Auth's link): nothing to sign in with yet.
    return NextResponse.redirect(new URL(next, request.nextUrl.origin), 303);
  }
  login.searchParams.set('error', 'link_invalid');
  return NextResponse.redirect(login, 303);
}
