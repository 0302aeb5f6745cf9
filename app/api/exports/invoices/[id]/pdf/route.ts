// The archived original PDF of one invoice or credit note for the accountant's portal:
// /api/exports/invoices/{id}/pdf, the same download as the owner's (hash checked, logged).
import { invoicePdfResponse } from '@/lib/invoices/download';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return invoicePdfResponse((await params).id);
}
