// POST /profil/data/export: the user's data as JSON (format=json) or as a ZIP with their files
// (format=zip). POST because it writes a line in the security log: a GET never changes state.
import { getVerifiedClaims } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { exportAndRecord } from '@/lib/privacy/export';
import { exportZipStream } from '@/lib/privacy/export-zip';
import { createClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const claims = await getVerifiedClaims();
  if (!claims) return new Response('Unauthorized', { status: 401 });
  // A body that is not a form (wrong content type, cut short) is a bad request, not a failure.
  const form = await request.formData().catch(() => null);
  if (!form) return new Response('Bad request', { status: 400 });
  const format = form.get('format') === 'zip' ? 'zip' : 'json';
  const data = await withUserTransaction(claims, (tx) => exportAndRecord(tx, claims), { unscoped: true });
  const stamp = data.exported_at.slice(0, 10);
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'json') {
    return new Response(JSON.stringify(data, null, 2), {
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="konsultverkstad-${stamp}.json"` },
    });
  }
  const supabase = await createClient();
  return new Response(exportZipStream(data, supabase.storage), {
    headers: { ...headers, 'content-type': 'application/zip', 'content-disposition': `attachment; filename="konsultverkstad-${stamp}.zip"` },
  });
}
