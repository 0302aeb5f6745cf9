// Where a request whose session has ended is sent (lib/auth/signed-out.ts). Its access token is
// still unexpired, so the proxy would take the browser for signed in and bounce it from /login
// back into the app: the cookies are cleared here first. Only a session Auth confirms is gone is
// cleared, so a link to this page cannot sign anyone out.
import { NextResponse, type NextRequest } from 'next/server';
import { createClient } from '@/lib/supabase/server';

export async function GET(request: NextRequest) {
  const supabase = await createClient();
  const { error } = await supabase.auth.getUser();
  // Anything but Auth refusing the session (live, no cookies, Auth unreachable): back to the app.
  if (error?.status !== 401 && error?.status !== 403) return NextResponse.redirect(new URL('/', request.nextUrl.origin), 303);
  // Signing out locally drops the cookies; Auth's refusal of the dead session changes nothing else.
  await supabase.auth.signOut({ scope: 'local' });
  return NextResponse.redirect(new URL('/login?notice=signed_out', request.nextUrl.origin), 303);
}
