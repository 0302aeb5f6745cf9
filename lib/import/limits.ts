// What the import accepts, shared by the browser (checks before uploading) and the server.
import type { DocumentFormat } from './extract/blocks';

/** Per file; below the 10 MiB a request body may have on its way through the proxy. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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
