import Link from 'next/link';
import { cn } from '@/components/ui/cn';

/** `compact`: on phones only the mark shows (the name is still read out), for a header with more in it. */
export function Logo({ name, href = '/', compact = false }: { name: string; href?: string; compact?: boolean }) {
  return (
    <Link href={href} className="inline-flex min-w-0 items-center gap-2.5 rounded-md font-semibold tracking-tight text-fg">
      <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-accent text-[15px] font-bold text-accent-fg">
        K
      </span>
      <span className={cn('truncate text-[17px]', compact && 'max-sm:sr-only')}>{name}</span>
    </Link>
  );
}
