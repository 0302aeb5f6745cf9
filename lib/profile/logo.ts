// The logos bucket's limits (supabase/migrations/..._storage_buckets.sql), checked before upload too.
// The app takes PNG and JPEG only: those are what an invoice PDF can embed (lib/invoices/pdf/logo.ts).
export const LOGO_BUCKET = 'logos';
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
