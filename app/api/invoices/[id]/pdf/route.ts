// The archived original of a sent invoice (lib/invoices/download.ts: hash checked, download
// logged, nothing rendered or written here). Owner and accountant alike.
import { invoicePdfResponse } from '@/lib/invoices/download';
import { route } from '@/lib/request/route';

export const GET = route<'member', { id: string }>({ access: 'member' }, (ctx, _request, { id }) => invoicePdfResponse(ctx, id));
