// Text files as people save them: UTF-8 (with or without BOM), UTF-16 with BOM, or the
// Windows-1252 that Excel on Swedish Windows still writes for CSV.
import iconv from 'iconv-lite';

export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'windows-1252');
  }
}
