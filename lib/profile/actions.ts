'use server';
// Business profile actions: save the form (also the onboarding guide), skip onboarding, and the
// logo, which goes to Storage with the user's own session outside any database transaction.
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, createAction } from '@/lib/actions/action';
import { createClient } from '@/lib/supabase/server';
import { inRequest, Refused } from '@/lib/request/context';
import { markOnboardingDone, setLogoPath, updateProfile } from './queries';
import { profileSchema } from './schema';
import { LOGO_BUCKET, LOGO_MAX_BYTES, LOGO_TYPES } from './logo';

export const saveProfile = createAction({
  schema: profileSchema,
  handler: async (input, ctx) => {
    await ctx.tx(async (tx) => {
      if (!(await updateProfile(tx, ctx.workspace.id, input))) throw new ActionError('errors.forbidden');
    });
    if (input.onboarding) redirect('/');
    return { message: 'profile.saved', keepValues: true };
  },
});

/** Plain form action: the onboarding guide is optional (only an owner has one to skip). */
export async function skipOnboarding(): Promise<void> {
  await inRequest({ access: 'owner' }, (ctx) => ctx.tx((tx) => markOnboardingDone(tx, ctx.workspace.id))).catch((error: unknown) => {
    if (!(error instanceof Refused)) throw error;
  });
  redirect('/');
}

const logoSchema = z.object({
  logo: z
    .instanceof(File, { message: 'profile.logo.required' })
    .refine((f) => f.size > 0, 'profile.logo.required')
    .refine((f) => f.size <= LOGO_MAX_BYTES, 'profile.logo.tooLarge')
    .refine((f) => (LOGO_TYPES as readonly string[]).includes(f.type), 'profile.logo.wrongType'),
});

export const uploadLogo = createAction({
  schema: logoSchema,
  handler: async ({ logo }, ctx) => {
    const workspaceId = ctx.workspace.id;
    const extension = logo.type.split('/')[1].replace('jpeg', 'jpg');
    const path = `${workspaceId}/logo-${randomUUID()}.${extension}`;
    const supabase = await createClient();
    const storage = supabase.storage.from(LOGO_BUCKET);
    const uploaded = await storage.upload(path, logo, { contentType: logo.type });
    if (uploaded.error) {
      console.error('Logo upload failed:', uploaded.error.message);
      throw new ActionError('profile.logo.failed');
    }
    let previous: string | null;
    try {
      previous = await ctx.tx((tx) => setLogoPath(tx, workspaceId, path));
    } catch (error) {
      await storage.remove([path]);
      throw error;
    }
    if (previous) await storage.remove([previous]);
    revalidatePath('/profil');
    return { message: 'profile.logo.saved' };
  },
});

export const removeLogo = createAction({
  schema: z.object({}),
  handler: async (_input, ctx) => {
    const workspaceId = ctx.workspace.id;
    const previous = await ctx.tx((tx) => setLogoPath(tx, workspaceId, null));
    if (previous) await (await createClient()).storage.from(LOGO_BUCKET).remove([previous]);
    revalidatePath('/profil');
    return { message: 'profile.logo.removed' };
  },
});
