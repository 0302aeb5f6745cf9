'use server';
// Server actions of the accountant feature. Each runs its database work in one transaction as the
// user (the SQL functions refuse whoever may not); Auth calls and emails come after the commit.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, createAction } from '@/lib/actions/action';
import { signUpWithAuth } from '@/lib/auth/sign-up';
import { clientAddress } from '@/lib/security/client-address';
import { enforce } from '@/lib/security/rate-limit';
import { listMyWorkspaces } from '@/lib/db/workspaces';
import { saveActiveWorkspace } from './active-workspace';
import { invitationLink, invitationPath, sendInvitationEmail } from './invitation-email';
import {
  acceptSchema,
  invitationIdSchema,
  invitationSignUpSchema,
  inviteSchema,
  removeAccountantSchema,
  sieAccountsSchema,
  switchWorkspaceSchema,
} from './schemas';

const ACCESS_PAGE = '/profil/redovisning';

export const inviteAccountant = createAction({
  schema: inviteSchema,
  handler: async ({ email }, ctx) => {
    const { t } = ctx;
    await enforce([
      ['invitationsPerAccount', ctx.claims.sub],
      ['invitationsPerAddress', await clientAddress()],
    ]);
    const created = await ctx.tx(async (tx) => {
      const { rows } = await tx.query<{ invitation_id: string; token: string }>(`select * from public.create_invitation($1)`, [email]);
      const details = await tx.query<{ email: string; name: string }>(
        `select i.email, w.name from public.invitations i join public.workspaces w on w.id = i.workspace_id where i.id = $1`,
        [rows[0].invitation_id],
      );
      return { token: rows[0].token, ...details.rows[0] };
    });
    await sendInvitationEmail({ to: created.email, workspaceName: created.name, link: invitationLink(created.token), t });
    revalidatePath(ACCESS_PAGE);
    return { message: 'accountant.access.invited', messageParams: { email: created.email } };
  },
});

export const revokeInvitation = createAction({
  schema: invitationIdSchema,
  handler: async ({ invitationId }, ctx) => {
    await ctx.tx((tx) => tx.query(`select public.revoke_invitation($1)`, [invitationId]));
    revalidatePath(ACCESS_PAGE);
    return { message: 'accountant.access.revoked' };
  },
});

export const removeAccountant = createAction({
  schema: removeAccountantSchema,
  handler: async ({ userId }, ctx) => {
    await ctx.tx((tx) => tx.query(`select public.remove_accountant($1)`, [userId]));
    revalidatePath(ACCESS_PAGE);
    return { message: 'accountant.access.removed' };
  },
});

export const saveSieAccounts = createAction({
  schema: sieAccountsSchema,
  handler: async (a, ctx) => {
    await ctx.tx((tx) =>
      tx.query(
        `insert into public.sie_accounts (workspace_id, receivable, sales_25, sales_12, sales_6, sales_0, sales_reverse_charge,
           sales_outside_eu, vat_25, vat_12, vat_6, rounding, bank, interest, fees)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         on conflict (workspace_id) do update set receivable = excluded.receivable, bank = excluded.bank, sales_25 = excluded.sales_25,
           sales_12 = excluded.sales_12, sales_6 = excluded.sales_6, sales_0 = excluded.sales_0,
           sales_reverse_charge = excluded.sales_reverse_charge, sales_outside_eu = excluded.sales_outside_eu,
           vat_25 = excluded.vat_25, vat_12 = excluded.vat_12, vat_6 = excluded.vat_6, rounding = excluded.rounding,
           interest = excluded.interest, fees = excluded.fees`,
        [
          ctx.workspace.id,
          a.receivable,
          a.sales25,
          a.sales12,
          a.sales6,
          a.sales0,
          a.salesReverseCharge,
          a.salesOutsideEu,
          a.vat25,
          a.vat12,
          a.vat6,
          a.rounding,
          a.bank,
          a.interest,
          a.fees,
        ],
      ),
    );
    revalidatePath(ACCESS_PAGE);
    return { message: 'accountant.accounts.saved', keepValues: true };
  },
});

export const acceptInvitation = createAction({
  schema: acceptSchema,
  access: 'account',
  handler: async ({ token }, ctx) => {
    const { rows } = await ctx.tx((tx) => tx.query<{ ws: string }>(`select public.accept_invitation($1) as ws`, [token]));
    await saveActiveWorkspace(rows[0].ws);
    redirect('/portal');
  },
});

export const switchWorkspace = createAction({
  schema: switchWorkspaceSchema,
  access: 'account',
  // Every membership: the transaction is not narrowed to the active workspace.
  unscoped: true,
  handler: async ({ workspaceId }, ctx) => {
    const mine = await ctx.tx((tx) => listMyWorkspaces(tx));
    const target = mine.find((w) => w.id === workspaceId);
    if (!target) throw new ActionError('db.forbidden');
    await saveActiveWorkspace(target.id);
    // A page of the other role would show nothing: land where that role starts.
    redirect(target.role === 'accountant' ? '/portal' : '/');
  },
});

/** Sign-up from an invitation link: back to the link afterwards (also after email confirmation). */
export const signUpForInvitation = createAction({
  schema: invitationSignUpSchema,
  access: 'public',
  handler: async ({ email, password, token }) => {
    const back = invitationPath(token);
    // No workspace of their own: they work in the inviter's (supabase/migrations/20261203170000_…).
    if (!(await signUpWithAuth({ email, password, next: back, metadata: { signed_up_for: 'invitation' } })))
      return { message: 'auth.signup.checkEmail', messageParams: { email } };
    redirect(back);
  },
});

/** A user without a business of their own (an accountant whose access ended) starts one. */
export const startOwnWorkspace = createAction({
  schema: z.object({}),
  access: 'account',
  handler: async (_input, ctx) => {
    const { rows } = await ctx.tx((tx) => tx.query<{ id: string }>(`select public.start_own_workspace() as id`));
    await saveActiveWorkspace(rows[0].id);
    redirect('/valkommen');
  },
});

/** Plain form action for the workspace switcher in the header. */
export async function switchWorkspaceForm(formData: FormData): Promise<void> {
  const result = await switchWorkspace({ ok: false, fieldErrors: {}, values: {} }, formData);
  if (!result.ok) console.error('Switching workspace failed:', result.formError);
}
