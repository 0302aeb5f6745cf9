// What the hours pages show, each read in one transaction as the owner. An accountant acting in
// a client's workspace has no hours to see and goes to the portal.
import { notFound, redirect } from 'next/navigation';
import type { Tx } from '@/lib/db/transaction';
import { pageTx } from '@/lib/request/context';
import { getEntry, listEntries } from './entries';
import { loadWeekGridData } from './grid';
import { listTimeNodes } from './nodes';
import { getRounding } from './rounding';
import { getTimer } from './timer';
import { addDays } from './week';

async function asOwner<T>(fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
  const result = await pageTx(async (tx, workspace) => (workspace?.role === 'owner' ? { value: await fn(tx, workspace.id) } : null));
  if (!result) redirect('/portal');
  return result.value;
}

export function loadTimePage(monday: string) {
  return asOwner(async (tx, ws) => {
    const [nodes, entries, timer, rounding] = [
      await listTimeNodes(tx, ws),
      await listEntries(tx, ws, monday, addDays(monday, 6)),
      await getTimer(tx, ws),
      await getRounding(tx, ws),
    ];
    return { nodes, entries, timer, rounding };
  });
}

export function loadWeekGrid(monday: string) {
  return asOwner((tx, ws) => loadWeekGridData(tx, ws, monday));
}

export async function loadEntry(id: string) {
  const found = await asOwner(async (tx, ws) => {
    const entry = await getEntry(tx, ws, id);
    return entry ? { entry, nodes: await listTimeNodes(tx, ws), rounding: await getRounding(tx, ws) } : null;
  });
  if (!found) notFound();
  return found;
}
