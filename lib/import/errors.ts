// Why an import step refused a file or an answer; each reason is a message in the user's language.
export type ImportErrorReason =
  | 'empty'
  | 'tooLarge'
  | 'unpackedTooLarge'
  | 'tooManyEntries'
  | 'tooManyPages'
  | 'unsupportedType'
  | 'wrongType'
  | 'encrypted'
  | 'corrupt'
  | 'scanned'
  | 'noText'
  | 'tooMany'
  | 'aiNotConfigured'
  | 'aiConsent'
  | 'aiTimeout'
  | 'aiMalformed'
  | 'aiUnavailable'
  | 'notOwner'
  | 'invalidProposal'
  | 'clientNotFound';

export class ImportError extends Error {
  constructor(readonly reason: ImportErrorReason) {
    super(`import.${reason}`);
    this.name = 'ImportError';
  }
}
