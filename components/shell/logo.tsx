import Link from 'next/link';

export function Logo({ name, href = '/' }: { name: string; href?: string }) {
  return (
    <Link
      href={href}
      aria-label={name}
      className="inline-flex min-w-0 items-center gap-2.5 rounded-md font-semibold tracking-tight text-fg"
    >
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-accent text-[15px] font-bold text-accent-fg">
        K
      </span>
      <span aria-hidden className="truncate text-[17px]">
        {name}
      </span>
    </Link>
  );
}
