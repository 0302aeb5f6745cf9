// Route handlers that change state are POST only and, like server actions, refuse requests whose
// Origin is another site (SameSite=Lax already keeps the session cookie off cross-site POSTs).
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
