// Object names in the documents bucket: `{workspace_id}/{node_id}/{file name}`. Storage keys
// allow a narrow ASCII set, so the file name is folded (å → a) and anything else becomes "-".

export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const folded = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._\- ()]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\s-]+/, '')
    .trim()
    .slice(-120);
  return folded || 'fil';
}

export function nodeFolder(workspaceId: string, nodeId: string): string {
  return `${workspaceId}/${nodeId}`;
}

/** A name not yet in the folder: "rapport.pdf", then "rapport (2).pdf", ... */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The file name a browser sends in X-File-Name (percent-encoded, so any name fits in a header),
 * or '' when it is missing or not valid percent-encoding, which callers refuse as a bad request.
 */
export function fileNameFromHeader(request: Request): string {
  try {
    return decodeURIComponent(request.headers.get('x-file-name') ?? '').trim();
  } catch {
    return '';
  }
}
