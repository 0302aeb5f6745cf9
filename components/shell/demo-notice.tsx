// The seeded demo sign-ins are shared by everyone who tries the demo (supabase/seed.sql marks them
// with app_metadata.demo, which only the operator can set): say so on every page.
import { pageContext } from '@/lib/request/context';

export async function DemoNotice() {
  const { claims, t } = await pageContext();
  if ((claims.app_metadata as Record<string, unknown> | undefined)?.demo !== true) return null;
  return (
    <p role="note" data-testid="demo-notice" className="border-b border-border bg-accent-soft px-4 py-2 text-center text-sm text-fg">
      {t('demo.notice')}
    </p>
  );
}
