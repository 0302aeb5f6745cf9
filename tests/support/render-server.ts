// Renders a server-component tree the way React Server Components do, as far as the database is
// concerned: a component runs after its parent returned it, siblings run concurrently, async
// components are awaited. Client components (their hooks fail outside React) are skipped; a
// redirect() or notFound() anywhere goes on to the caller.
import { isValidElement } from 'react';

function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_');
}

export async function renderServer(node: unknown): Promise<void> {
  if (node === null || node === undefined || typeof node !== 'object') return;
  if (node instanceof Promise) return renderServer(await node);
  if (Array.isArray(node)) {
    await Promise.all(node.map(renderServer));
    return;
  }
  if (!isValidElement(node)) return;
  const { type, props } = node as { type: unknown; props: Record<string, unknown> };
  if (typeof type === 'function') {
    let out: unknown;
    try {
      out = (type as (p: unknown) => unknown)(props);
    } catch (error) {
      if (isNextSignal(error)) throw error;
      return; // a client component
    }
    return renderServer(await out);
  }
  // A host element, fragment or provider: whatever it holds.
  await Promise.all(
    Object.values(props ?? {})
      .filter((v) => isValidElement(v) || Array.isArray(v))
      .map(renderServer),
  );
}
