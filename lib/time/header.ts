// The header's timer on every page (components/time/header-timer.tsx): read in the opening round
// trip of the page's transaction with the rest of the frame (lib/db/transaction.ts), so it costs
// pages no round trip (so this module imports nothing that reaches back to lib/db at run time).
// Only the owner of the active workspace has one (hours are the owner's). What a timer can be
// started on is read when the start menu opens (app/api/time/nodes), not with every page.
import type { RoundingStep } from './rounding';
import type { RunningTimer } from './timer';

export interface HeaderTimerData {
  timer: RunningTimer | null;
  rounding: RoundingStep;
}

/** The user's running timer in the workspace the SQL expression `workspace` names, as RunningTimer. */
export const runningTimerSql = (workspace: string) =>
  `select t.node_id as "nodeId", t.description, to_json(t.started_at)#>>'{}' as "startedAt", to_json(now())#>>'{}' as "serverNow",
          (select p.path from public.node_paths(array[t.node_id]) p) as path
     from public.running_timers t where t.workspace_id = ${workspace} and t.user_id = (select auth.uid())`;

const OWNED = '(select w from private.my_owned_workspaces() w limit 1)';

/** One statement without parameters, run after the active workspace is chosen. */
export const HEADER_TIMER_SQL = `select (select to_json(r) from (${runningTimerSql(OWNED)}) r) as timer,
       (select bp.time_rounding_minutes from public.business_profiles bp where bp.workspace_id = ${OWNED}) as rounding,
       ${OWNED} is not null as owner`;

export function headerTimerFrom(row: {
  timer: RunningTimer | null;
  rounding: RoundingStep | null;
  owner: boolean;
}): HeaderTimerData | null {
  return row.owner ? { timer: row.timer, rounding: row.rounding ?? 0 } : null;
}
