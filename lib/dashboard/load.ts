// The dashboard for the signed-in user: an accountant goes to the portal, a new owner whose
// profile is not yet complete to the onboarding guide (once; it can be skipped).
import { redirect } from 'next/navigation';
import { NO_ACCESS_PAGE, pageContext } from '@/lib/request/context';
import { today } from '@/lib/time/week';
import { loadDashboard, type DashboardData } from './queries';

export async function loadOwnDashboard(): Promise<{ data: DashboardData; email: string | undefined }> {
  const ctx = await pageContext();
  const day = today();
  const result = await ctx.tx(async (tx, workspace) => {
    if (workspace?.role === 'accountant') return 'portal' as const;
    return workspace ? loadDashboard(tx, workspace.id, day) : null;
  });
  if (result === 'portal') redirect('/portal');
  if (!result) redirect(NO_ACCESS_PAGE);
  if (!result.onboardingDone && !result.profileComplete) redirect('/valkommen');
  return { data: result, email: typeof ctx.claims.email === 'string' ? ctx.claims.email : undefined };
}
