// The archived original PDF of one invoice or credit note for the accountant's portal:
// /api/exports/invoices/{id}/pdf, the same download as the owner's (hash checked, logged).
import { invoicePdfResponse } from '@/lib/invoices/download';
import { route } from '@/lib/request/route';

export const GET = route<'member', { id: string }>({ access: 'member' }, (ctx, _request, { id }) => invoicePdfResponse(ctx, id));
