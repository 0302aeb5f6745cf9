// The acting user's database runner and archive for request code: one short transaction per call
// (never held across a Storage request) and the Storage API with the user's own session.
import type { VerifiedClaims } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { createClient } from '@/lib/supabase/server';
import { storageArchive, type InvoiceArchive } from './archive';
import type { RunAsUser } from './send';

export async function invoiceSession(claims: VerifiedClaims): Promise<{ run: RunAsUser; archive: InvoiceArchive }> {
  const supabase = await createClient();
  return { run: (fn) => withUserTransaction(claims, (tx) => fn(tx)), archive: storageArchive(supabase) };
}
