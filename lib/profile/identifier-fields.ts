// One rule per identifier field, shared by the as-you-type messages in the browser and the zod
// schema on the server: empty is allowed (null), anything else must pass its check digits.
import {
  checkBankgiro,
  checkBic,
  checkIban,
  checkOrgNumber,
  checkPlusgiro,
  checkSeVatNumber,
  identifierMessage,
  type IdentifierCheck,
} from '@/lib/validation/identifiers';

export const IDENTIFIER_FIELDS = {
  orgNumber: { kind: 'orgNumber', check: checkOrgNumber },
  vatNumber: { kind: 'vatNumber', check: checkSeVatNumber },
  bankgiro: { kind: 'bankgiro', check: checkBankgiro },
  plusgiro: { kind: 'plusgiro', check: checkPlusgiro },
  iban: { kind: 'iban', check: checkIban },
  bic: { kind: 'bic', check: checkBic },
} as const satisfies Record<string, { kind: Parameters<typeof identifierMessage>[0]; check: (input: string) => IdentifierCheck }>;

export type IdentifierField = keyof typeof IDENTIFIER_FIELDS;

/** The message key for what is wrong with a typed identifier, or null when empty or valid. */
export function identifierProblem(field: IdentifierField, input: string) {
  if (!input.trim()) return null;
  const { kind, check } = IDENTIFIER_FIELDS[field];
  const result = check(input);
  return result.ok ? null : { key: identifierMessage(kind, result.reason), reason: result.reason };
}
