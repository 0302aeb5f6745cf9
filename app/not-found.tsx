import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-md flex-1 flex-col items-center justify-center px-4 py-24 text-center">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Sidan finns inte · Page not found</h1>
      <Button asChild variant="secondary" className="mt-8">
        <Link href="/">Konsultverkstad</Link>
      </Button>
    </main>
  );
}
