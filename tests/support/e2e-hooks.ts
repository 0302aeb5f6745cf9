// The hooks every browser suite needs: on the first failing test of a file, what the Next server
// printed (it explains most browser-side failures); after all tests, close what the file opened.
import { afterAll, afterEach } from 'vitest';
import type { TestApp } from './app';

export function reportFailuresAndCleanUp(
  appOf: () => TestApp | undefined,
  cleanUps: (() => Promise<unknown> | undefined)[],
  onFirstFailure?: () => Promise<void>,
) {
  let printed = false;
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || printed) return;
    printed = true;
    console.error(`next start output:\n${appOf()?.logs()}`);
    await onFirstFailure?.();
  });
  afterAll(async () => {
    for (const cleanUp of cleanUps) await cleanUp();
  });
}
