// POST /profil/data/export: the user's data as JSON (format=json) or as a ZIP with their files
// (format=zip). POST because it writes a line in the security log: a GET never changes state.
import { exportAndRecord } from '@/lib/privacy/export';
import { exportZipStream } from '@/lib/privacy/export-zip';
import { Refused, route } from '@/lib/request/route';
import { createClient } from '@/lib/supabase/server';

export const dynamic = 'force-dynamic';

// Unscoped: the export covers every workspace the user belongs to.
export const POST = route({ access: 'account', unscoped: true }, async (ctx, request) => {
  // A body that is not a form (wrong content type, cut short) is a bad request, not a failure.
  const form = await request.formData().catch(() => null);
  if (!form) throw new Refused(400, 'validation.invalid');
  const format = form.get('format') === 'zip' ? 'zip' : 'json';
  const data = await ctx.tx((tx) => exportAndRecord(tx, ctx.claims));
  const stamp = data.exported_at.slice(0, 10);
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'json') {
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="konsultverkstad-${stamp}.json"`,
      },
    });
  }
  const supabase = await createClient();
  return new Response(exportZipStream(data, supabase.storage), {
    headers: {
      ...headers,
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="konsultverkstad-${stamp}.zip"`,
    },
  });
});
