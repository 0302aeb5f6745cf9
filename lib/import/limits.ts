// What the import accepts, shared by the browser (checks before uploading) and the server.
import type { DocumentFormat } from './extract/blocks';

/** Per file; below the 10 MiB a request body may have on its way through the proxy. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * What a file may unpack to before it is read: a Word file's XML parts together (its images are
 * never unpacked), and a PDF's compressed streams together. Without these a 33 KB file inflated to
 * 32 MiB and took 100 MB of server memory. 8 MiB of XML is a few thousand pages of text.
 */
export const MAX_UNPACKED_BYTES = 8 * 1024 * 1024;
/** Entries in a Word file (a long report has a few dozen). */
export const MAX_ARCHIVE_ENTRIES = 1000;
export const MAX_PDF_PAGES = 300;

export const EXTENSIONS: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
  csv: 'csv',
  tsv: 'csv',
};
export const ACCEPTED_EXTENSIONS = Object.keys(EXTENSIONS).map((e) => `.${e}`);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
