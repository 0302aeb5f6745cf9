'use server';
// Two-factor sign-in through Auth's MFA API (supabase.auth.mfa): the second step after the
// password, and Profil → Säkerhet's authenticator apps. Auth is called before any database work
// (on the embedded backend an open transaction would hold Auth's own). Wrong codes count against
// the account's limit and are noted in its security log (Auth logs only the right ones).
import { redirect } from 'next/navigation';
import { isAuthError, type SupabaseClient } from '@supabase/supabase-js';
import { ActionError, createAction } from '@/lib/actions/action';
import { Refused, type RequestTx } from '@/lib/request/context';
import { getLocale } from '@/lib/i18n/server';
import { enforce, giveBack, type Check } from '@/lib/security/rate-limit';
import { createClient } from '@/lib/supabase/server';
import { accountantsSecondFactorSchema, confirmEnrolmentSchema, enrolSchema, removeFactorSchema, secondStepSchema } from './mfa-schemas';

const WRONG_CODE = new ActionError('mfa.step.wrongCode', 'code');

/**
 * Checks `code` with Auth against the first of `factorIds` it fits (the session becomes aal2).
 * Throws the wrong-code error, counted in the limit and the security log, when it fits none.
 */
async function proveCode(supabase: SupabaseClient, tx: RequestTx, userId: string, factorIds: string[], code: string): Promise<void> {
  const limit: Check[] = [['secondStepFailuresPerAccount', userId]];
  await enforce(limit);
  for (const factorId of factorIds) {
    const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId, code });
    if (!error) return giveBack(limit);
    if (error.status === 429) {
      await giveBack(limit);
      throw new ActionError('errors.rateLimited');
    }
    if (!isAuthError(error) || !['mfa_verification_failed', 'mfa_factor_not_found'].includes(error.code ?? '')) throw error;
  }
  await tx((db) => db.query('select private.record_failed_second_step()'));
  throw WRONG_CODE;
}

/** The second step: a code from one of the account's verified apps, then on to where the user was going. */
export const completeSecondStep = createAction({
  schema: secondStepSchema,
  // The session is below aal2 here, which 'account' refuses; signed in is all it needs.
  access: 'public',
  handler: async ({ factorId, code, next }, ctx) => {
    if (!ctx.claims) throw new Refused(401, 'errors.sessionExpired');
    await proveCode(await createClient(), ctx.tx, ctx.claims.sub, [factorId], code);
    redirect(next);
  },
});

/** Adds an app: Auth makes the factor and its secret, shown once (QR code and key) to be confirmed with a code. */
export const startEnrolment = createAction({
  schema: enrolSchema,
  access: 'account',
  handler: async ({ name }) => {
    const supabase = await createClient();
    // An earlier attempt that was never confirmed would hold its name.
    const listed = await supabase.auth.mfa.listFactors();
    if (listed.error) throw listed.error;
    for (const factor of listed.data.all.filter((f) => f.status === 'unverified')) {
      const { error } = await supabase.auth.mfa.unenroll({ factorId: factor.id });
      if (error) throw error;
    }
    const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: name });
    if (isAuthError(error) && error.code === 'mfa_factor_name_conflict') throw new ActionError('mfa.settings.nameTaken', 'name');
    if (isAuthError(error) && error.code === 'too_many_enrolled_mfa_factors') throw new ActionError('mfa.settings.tooMany');
    if (error) throw error;
    return { data: { factorId: data.id, qrCode: data.totp.qr_code, secret: data.totp.secret, name } };
  },
});

export const confirmEnrolment = createAction({
  schema: confirmEnrolmentSchema,
  access: 'account',
  handler: async ({ factorId, code }, ctx) => {
    await proveCode(await createClient(), ctx.tx, ctx.claims.sub, [factorId], code);
    redirect(`/profil/sakerhet?notice=factor_added&lang=${await getLocale()}`);
  },
});

/** Removes an app after a code from any of the user's verified apps (a lost phone's app is removed with the other's code). */
export const removeFactor = createAction({
  schema: removeFactorSchema,
  access: 'account',
  handler: async ({ factorId, code }, ctx) => {
    const supabase = await createClient();
    const listed = await supabase.auth.mfa.listFactors();
    if (listed.error) throw listed.error;
    const verified = listed.data.totp.map((f) => f.id);
    if (!listed.data.all.some((f) => f.id === factorId)) throw new ActionError('validation.invalid');
    // The app being removed is tried last, so the session keeps a factor it still has.
    await proveCode(
      supabase,
      ctx.tx,
      ctx.claims.sub,
      [...verified.filter((id) => id !== factorId), ...verified.filter((id) => id === factorId)],
      code,
    );
    const { error } = await supabase.auth.mfa.unenroll({ factorId });
    if (error) throw error;
    // The token must say what the session now proves (aal1 when the removed app won it).
    await supabase.auth.refreshSession();
    redirect(`/profil/sakerhet?notice=factor_removed&lang=${await getLocale()}`);
  },
});

/** The owner's setting: accountants see the workspace only after their own second factor. */
export const setAccountantsSecondFactor = createAction({
  schema: accountantsSecondFactorSchema,
  access: 'owner',
  handler: async ({ required }, ctx) => {
    await ctx.tx((db) =>
      db.query(`update public.workspaces set accountants_need_second_factor = $2 where id = $1`, [ctx.workspace.id, required]),
    );
    return { message: 'mfa.settings.accountantsSaved' };
  },
});
