// What a bank file holds once read, whatever its format: payments in, deductions and returns,
// in öre, each with the bank's own identity (so the same payment is never taken twice) and its
// place in the file (so the review and every error can point at it).

export type BankFileFormat = 'bgmax' | 'camt054';
export type BankPaymentKind = 'payment' | 'deduction' | 'return';

export interface BankPayment {
  kind: BankPaymentKind;
  /** The bank's identity of the payment: unique across files (bank_import_payments_once). */
  sourceRef: string;
  /** The account the money came into: the bankgiro number in BgMax, the IBAN (or the bank's
   * own account id) in camt.054, as the file writes it. */
  account: string;
  /** "rad 12" in BgMax, the element path in camt.054. */
  position: string;
  /** Positive for a payment, negative for a deduction or a return. */
  amountOre: number;
  paidOn: string;
  method: 'bankgiro' | 'bank_transfer';
  /** The payer's references, the OCR (or the first given) first. */
  references: string[];
  payerName: string | null;
}

export type BankFileErrorReason =
  | 'notBgmax'
  | 'notCamt054'
  | 'xmlMalformed'
  | 'recordUnknown'
  | 'recordOutOfPlace'
  | 'fieldInvalid'
  | 'currencyNotSek'
  | 'depositMismatch'
  | 'countMismatch'
  | 'endMissing'
  | 'batchMismatch'
  | 'referenceMissing'
  | 'tooLarge'
  | 'accountNotOurs';

/** A file refused: where (line or element) and why, for the user's message. */
export class BankFileError extends Error {
  constructor(
    readonly reason: BankFileErrorReason,
    readonly where: string,
    readonly detail = '',
  ) {
    super(`${reason} at ${where}${detail ? `: ${detail}` : ''}`);
  }
}

/** "1234.50" → 123450 öre; refuses more than two decimals, signs and anything not a number. */
export function decimalToOre(text: string, where: string): number {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new BankFileError('fieldInvalid', where, text);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
