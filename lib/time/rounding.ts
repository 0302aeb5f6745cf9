// The consultant's rounding rule for logged time (business_profiles.time_rounding_minutes): the
// database applies it where time is written (20261203140000_time_rounding.sql); here it is read,
// set, and described next to where time is entered.
import type { Tx } from '@/lib/db/transaction';
import type { MessageKey } from '@/lib/i18n/catalogue';

export const ROUNDING_STEPS = [0, 1, 6, 15] as const;
export type RoundingStep = (typeof ROUNDING_STEPS)[number];

export async function getRounding(tx: Tx, workspaceId: string): Promise<RoundingStep> {
  const { rows } = await tx.query<{ step: RoundingStep }>(
    `select time_rounding_minutes as step from public.business_profiles where workspace_id = $1`,
    [workspaceId],
  );
  return rows[0]?.step ?? 0;
}

export async function setRounding(tx: Tx, workspaceId: string, step: RoundingStep): Promise<void> {
  await tx.query(`update public.business_profiles set time_rounding_minutes = $2 where workspace_id = $1`, [workspaceId, step]);
}

/** The rule in words, e.g. "Avrundas uppåt till 15 min". */
export function roundingRuleKey(step: RoundingStep): { key: MessageKey; params?: Record<string, string> } {
  if (step === 0) return { key: 'time.rounding.ruleNone' };
  if (step === 1) return { key: 'time.rounding.ruleMinute' };
  return { key: 'time.rounding.ruleStep', params: { minutes: String(step) } };
}
