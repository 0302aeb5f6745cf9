'use server';
// Business profile actions: save the form (also the onboarding guide), skip onboarding, and the
// logo, which goes to Storage with the user's own session outside any database transaction.
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, createAction } from '@/lib/actions/action';
import { requireUser } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { createClient } from '@/lib/supabase/server';
import { requireOwner } from './owner-workspace';
import { markOnboardingDone, setLogoPath, updateProfile } from './queries';
import { profileSchema } from './schema';
import { LOGO_BUCKET, LOGO_MAX_BYTES, LOGO_TYPES } from './logo';

export const saveProfile = createAction({
  schema: profileSchema,
  handler: async (input, { claims }) => {
    await withUserTransaction(claims, async (tx, workspace) => {
      if (!(await updateProfile(tx, requireOwner(workspace), input))) throw new ActionError('errors.forbidden');
    });
    if (input.onboarding) redirect('/');
    return { message: 'profile.saved', keepValues: true };
  },
});

/** Plain form action: the onboarding guide is optional. */
export async function skipOnboarding(): Promise<void> {
  const user = await requireUser();
  await withUserTransaction(user.claims, async (tx, workspace) => {
    if (workspace?.role === 'owner') await markOnboardingDone(tx, workspace.id);
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

async function ownedWorkspaceId(claims: Parameters<typeof withUserTransaction>[0]) {
  return withUserTransaction(claims, async (_tx, workspace) => requireOwner(workspace));
}

export const uploadLogo = createAction({
  schema: logoSchema,
  handler: async ({ logo }, { claims }) => {
    const workspaceId = await ownedWorkspaceId(claims);
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
      previous = await withUserTransaction(claims, (tx) => setLogoPath(tx, workspaceId, path));
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
  handler: async (_input, { claims }) => {
    const workspaceId = await ownedWorkspaceId(claims);
    const previous = await withUserTransaction(claims, (tx) => setLogoPath(tx, workspaceId, null));
    if (previous) await (await createClient()).storage.from(LOGO_BUCKET).remove([previous]);
    revalidatePath('/profil');
    return { message: 'profile.logo.removed' };
  },
});
