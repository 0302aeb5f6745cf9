// One figure on the dashboard with its label and a line of context.
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

export function StatCard({
  label,
  value,
  detail,
  tone,
  testId,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  tone?: 'danger';
  testId?: string;
}) {
  return (
    <Card className="p-4 sm:p-5">
      <p className="text-sm text-muted">{label}</p>
      <p className="mt-1 text-xl font-semibold tracking-tight tabular-nums sm:text-2xl" data-testid={testId}>
        {value}
      </p>
      {detail && <p className={tone === 'danger' ? 'mt-1 text-sm font-medium text-danger' : 'mt-1 text-sm text-muted'}>{detail}</p>}
    </Card>
  );
}
