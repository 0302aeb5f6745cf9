'use server';
// The bank import's server actions: read a file (refused whole, naming line or element), place a
// payment by hand, book what is placed. Each runs in the request's one transaction.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createAction } from '@/lib/actions/action';
import { Refused } from '@/lib/request/context';
import { bookBankImport, importBankFile, placeBankPayment } from './import';
import { bookImportSchema, importFileSchema, placePaymentSchema } from './schemas';
import { BankFileError } from './types';

const page = (importId: string) => `/betalningar/import?id=${importId}`;

export const importBankFileAction = createAction({
  schema: importFileSchema,
  handler: async ({ file }, ctx) => {
    const summary = await ctx
      .tx((tx) =>
        importBankFile(tx, {
          workspaceId: ctx.workspace.id,
          userId: ctx.claims.sub,
          fileName: file.name || 'bankfil',
          open: () => file.stream() as unknown as AsyncIterable<Uint8Array>,
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof BankFileError)
          throw new Refused(422, `collections.import.errors.${error.reason}`, { where: error.where, detail: error.detail });
        throw error;
      });
    redirect(page(summary.importId));
  },
});

export const placeBankPaymentAction = createAction({
  schema: placePaymentSchema,
  handler: async ({ importId, paymentId, invoiceId }, ctx) => {
    await ctx.tx((tx) => placeBankPayment(tx, paymentId, invoiceId || null));
    revalidatePath(page(importId));
  },
});

export const bookBankImportAction = createAction({
  schema: bookImportSchema,
  handler: async ({ importId }, ctx) => {
    const count = await ctx.tx((tx) => bookBankImport(tx, importId));
    revalidatePath(page(importId));
    return { message: 'collections.import.bookedCount', messageParams: { count: String(count) } };
  },
});
