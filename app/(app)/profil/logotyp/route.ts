// The business logo, streamed through the app: session cookies are HttpOnly, so the browser cannot
// ask Storage itself. Storage RLS (owner only) decides; the path comes from the owner's profile.
import { fileResponseHeaders, parseMimeType } from '@/lib/files/content-type';
import { LOGO_BUCKET, LOGO_TYPES } from '@/lib/profile/logo';
import { route } from '@/lib/request/route';
import { createClient } from '@/lib/supabase/server';

export const GET = route({ access: 'owner' }, async (ctx) => {
  const path = await ctx.tx(async (tx) => {
    const { rows } = await tx.query<{ logo_path: string | null }>(
      `select logo_path from public.business_profiles where workspace_id = $1`,
      [ctx.workspace.id],
    );
    return rows[0]?.logo_path ?? null;
  });
  if (!path) return new Response(null, { status: 404 });
  const { data, error } = await (await createClient()).storage.from(LOGO_BUCKET).download(path);
  if (error || !data) return new Response(null, { status: 404 });
  // A logo is one of the logo image types; anything else Storage holds goes out as bytes to download.
  const essence = parseMimeType(data.type)?.essence ?? '';
  const type = (LOGO_TYPES as readonly string[]).includes(essence) ? data.type : undefined;
  return new Response(data, {
    headers: { ...fileResponseHeaders(type), 'cache-control': 'private, max-age=300' },
  });
});
