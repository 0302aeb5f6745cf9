'use server';
// Server actions of the map: the client details form (one transaction, nothing written partially).
import { ActionError, createAction } from '@/lib/actions/action';
import { saveClientDetails } from './client-details';
import { clientDetailsSchema } from './client-details-schema';

export const saveClientDetailsAction = createAction({
  schema: clientDetailsSchema,
  handler: async (input, ctx) => {
    const saved = await ctx.tx((tx) => saveClientDetails(tx, input));
    if (!saved) throw new ActionError('map.errors.notFound');
    return { message: 'map.details.saved', keepValues: true };
  },
});
