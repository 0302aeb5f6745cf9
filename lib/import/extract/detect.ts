// What a file really is: the extension says what it claims, the first bytes say what it is. A
// mismatch is refused before any parser sees the bytes.
import { ImportError } from '../errors';
import { EXTENSIONS, extensionOf, MAX_FILE_BYTES } from '../limits';
import type { DocumentFormat } from './blocks';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// Compound File Binary: password-protected Office files (and legacy .doc) are stored in it.
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
const zipHas = (bytes: Uint8Array, entry: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(entry);
// NUL bytes mean binary, unless a UTF-16 byte-order mark says they are half of each character.
const looksBinary = (bytes: Uint8Array) =>
  !startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff]) && bytes.subarray(0, 8192).includes(0);

export function detectFormat(name: string, bytes: Uint8Array): DocumentFormat {
  const format = EXTENSIONS[extensionOf(name)];
  if (!format) throw new ImportError('unsupportedType');
  if (bytes.byteLength === 0) throw new ImportError('empty');
  if (bytes.byteLength > MAX_FILE_BYTES) throw new ImportError('tooLarge');
  switch (format) {
    case 'pdf':
      if (!isPdf(bytes)) throw new ImportError('wrongType');
      return format;
    case 'docx':
      if (startsWith(bytes, CFB)) throw new ImportError('encrypted');
      if (!startsWith(bytes, ZIP) || !zipHas(bytes, 'word/document.xml')) throw new ImportError('wrongType');
      return format;
    default:
      if (isPdf(bytes) || startsWith(bytes, ZIP) || startsWith(bytes, CFB) || looksBinary(bytes)) throw new ImportError('wrongType');
      return format;
  }
}
