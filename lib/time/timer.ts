// The running timer (server state, so it survives reloads and shows on every device).
import type { Tx } from '@/lib/db/transaction';
import { requireTimeNode } from './entries';
import { runningTimerSql } from './header';

export interface RunningTimer {
  nodeId: string;
  path: string;
  description: string;
  startedAt: string;
  /** The database's clock when read, so the browser can tick without trusting its own clock. */
  serverNow: string;
}

export async function getTimer(tx: Tx, workspaceId: string): Promise<RunningTimer | null> {
  const { rows } = await tx.query<RunningTimer>(runningTimerSql('$1'), [workspaceId]);
  return rows[0] ?? null;
}

export async function startTimer(tx: Tx, workspaceId: string, nodeId: string, description: string): Promise<void> {
  await requireTimeNode(tx, workspaceId, nodeId);
  await tx.query(`insert into public.running_timers (workspace_id, node_id, description) values ($1, $2, $3)`, [
    workspaceId,
    nodeId,
    description,
  ]);
}

/** Turns the timer into a time entry (rounded by the workspace's rule); returns its minutes, or null when none was running. */
export async function stopTimer(tx: Tx): Promise<number | null> {
  const { rows } = await tx.query<{ minutes: number | null }>(`select minutes from public.stop_timer()`);
  return rows[0]?.minutes ?? null;
}
