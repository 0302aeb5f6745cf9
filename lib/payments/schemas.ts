// The bank-import forms' input, checked at the boundary.
import { z } from 'zod';

const id = z.string().uuid({ message: 'validation.invalid' });

export const importFileSchema = z.object({
  file: z.instanceof(File, { message: 'collections.import.errors.file' }).refine((f) => f.size > 0, 'collections.import.errors.file'),
});
export const placePaymentSchema = z.object({ importId: id, paymentId: id, invoiceId: z.union([id, z.literal('')]) });
export const bookImportSchema = z.object({ importId: id });
