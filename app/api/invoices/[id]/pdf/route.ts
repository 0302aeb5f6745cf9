// The archived original of a sent invoice (lib/invoices/download.ts: hash checked, download
// logged, nothing rendered or written here). Owner and accountant alike.
import { invoicePdfResponse } from '@/lib/invoices/download';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return invoicePdfResponse((await params).id);
}
