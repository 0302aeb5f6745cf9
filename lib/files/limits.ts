// Upload limits of the documents bucket, and a refusal explained in words before a byte is sent:
// "Filen ”x.pdf” är 31 MB; gränsen är 25 MB." Pure, so browser and server say the same.
import type { Locale, MessageKey } from '@/lib/i18n/catalogue';
import { formatBytes } from '@/lib/i18n/format';
import { parseMimeType } from './content-type';

export interface UploadLimits {
  /** Bytes; null: no limit. */
  maxBytes: number | null;
  /** MIME types; null: any. */
  allowedTypes: string[] | null;
}

export interface Refusal {
  key: MessageKey;
  params: Record<string, string>;
  status: 413 | 415;
}

const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** Short names people know, for the list of allowed types. */
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'text/plain': 'TXT',
  'text/markdown': 'Markdown',
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
};

/** The file's type: what the browser says, else guessed from the extension (browsers leave .md empty). */
export function fileType(name: string, browserType: string): string {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const type = parseMimeType(browserType)?.essence ?? '';
  if (type && type !== 'application/octet-stream') return type;
  return EXTENSION_TYPES[extension] ?? (type || 'application/octet-stream');
}

export function allowedTypesLabel(limits: UploadLimits): string {
  return [...new Set((limits.allowedTypes ?? []).map((t) => TYPE_LABELS[t] ?? t))].join(', ');
}

export function tooLarge(file: { name: string; size: number }, maxBytes: number, locale: Locale): Refusal {
  return {
    key: 'map.files.tooLarge',
    params: { name: file.name, size: formatBytes(file.size, locale), limit: formatBytes(maxBytes, locale) },
    status: 413,
  };
}

export function typeRefused(file: { name: string }, limits: UploadLimits): Refusal {
  return { key: 'map.files.typeRefused', params: { name: file.name, allowed: allowedTypesLabel(limits) }, status: 415 };
}

/** Why the bucket would refuse this file, or null when it fits. */
export function checkUpload(file: { name: string; size: number; type: string }, limits: UploadLimits, locale: Locale): Refusal | null {
  if (limits.maxBytes !== null && file.size > limits.maxBytes) return tooLarge(file, limits.maxBytes, locale);
  if (limits.allowedTypes && !limits.allowedTypes.includes(fileType(file.name, file.type))) return typeRefused(file, limits);
  return null;
}
