// The dashboard for the signed-in user: an accountant goes to the portal, a new owner whose
// profile is not yet complete to the onboarding guide (once; it can be skipped).
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { today } from '@/lib/time/week';
import { loadDashboard, type DashboardData } from './queries';

export async function loadOwnDashboard(): Promise<{ data: DashboardData | null; email: string | undefined }> {
  const user = await requireUser();
  const day = today();
  const result = await withUserTransaction(user.claims, async (tx, workspace) => {
    if (workspace?.role === 'accountant') return 'portal' as const;
    return workspace ? loadDashboard(tx, workspace.id, day) : null;
  });
  if (result === 'portal') redirect('/portal');
  if (result && !result.onboardingDone && !result.profileComplete) redirect('/valkommen');
  return { data: result, email: user.email };
}
