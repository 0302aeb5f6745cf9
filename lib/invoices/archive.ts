// The invoice-archive bucket through the Storage API (the caller's session decides access;
// the bucket is insert-only for every role), and the seller's logo the PDF embeds. Never called
// inside an open database transaction.
import type { SupabaseClient } from '@supabase/supabase-js';
import { LOGO_BUCKET } from '@/lib/profile/logo';

export const ARCHIVE_BUCKET = 'invoice-archive';

export interface InvoiceArchive {
  /** Stores the bytes unless an object already has the name: 'exists' then, never replaced. */
  put(path: string, bytes: Buffer): Promise<'created' | 'exists'>;
  /** The stored bytes, or null when there is no such object (or the caller may not read it). */
  get(path: string): Promise<Buffer | null>;
  /** The logo at that name in the logos bucket, or null when there is none (or it is not readable). */
  logo(path: string): Promise<Buffer | null>;
}

function status(error: unknown): number | undefined {
  const e = error as { status?: number; statusCode?: string } | null;
  return e?.status ?? (e?.statusCode ? Number(e.statusCode) : undefined);
}

async function download(supabase: SupabaseClient, bucket: string, path: string): Promise<Buffer | null> {
  const { data, error } = await supabase.storage.from(bucket).download(path);
  if (error) {
    if (status(error) === 404 || status(error) === 400) return null;
    throw error;
  }
  return Buffer.from(await data.arrayBuffer());
}

export function storageArchive(supabase: SupabaseClient): InvoiceArchive {
  const bucket = () => supabase.storage.from(ARCHIVE_BUCKET);
  return {
    async put(path, bytes) {
      const { error } = await bucket().upload(path, bytes, { contentType: 'application/pdf', upsert: false });
      if (!error) return 'created';
      if (status(error) === 409 || /already exists|duplicate/i.test(error.message)) return 'exists';
      throw error;
    },
    get: (path) => download(supabase, ARCHIVE_BUCKET, path),
    logo: (path) => download(supabase, LOGO_BUCKET, path),
  };
}
