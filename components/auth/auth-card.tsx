import type { ReactNode } from 'react';
import { Card, CardContent } from '@/components/ui/card';

export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Card className="shadow-[0_1px_2px_rgba(0,0,0,0.04),0_8px_24px_-12px_rgba(0,0,0,0.12)]">
      <CardContent className="space-y-6 p-6 sm:p-8">
        <div className="space-y-1.5">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {subtitle ? <p className="text-[15px] text-muted">{subtitle}</p> : null}
        </div>
        {children}
        {footer ? <div className="border-t border-border pt-5 text-sm text-muted">{footer}</div> : null}
      </CardContent>
    </Card>
  );
}
