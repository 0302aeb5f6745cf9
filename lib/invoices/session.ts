// The acting user's database runner and archive for request code: the request's transaction
// (lib/request; it is committed before a Storage request waits, see lib/request/transaction.ts)
// and the Storage API with the user's own session.
import type { RequestContext } from '@/lib/request/context';
import { createClient } from '@/lib/supabase/server';
import { storageArchive, type InvoiceArchive } from './archive';
import type { RunAsUser } from './send';

export async function invoiceSession(ctx: Pick<RequestContext, 'tx'>): Promise<{ run: RunAsUser; archive: InvoiceArchive }> {
  const supabase = await createClient();
  return { run: (fn) => ctx.tx((tx) => fn(tx)), archive: storageArchive(supabase) };
}
