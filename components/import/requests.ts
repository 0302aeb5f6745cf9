// The browser side of the import routes: files go up one per request with XMLHttpRequest (for a
// progress bar each), JSON with fetch. Every answer is { ...data } or { error } in words.
export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

function answerOf<T>(status: number, text: string, networkError: string): Answer<T> {
  try {
    const body = JSON.parse(text) as T & { error?: string };
    return status >= 200 && status < 300 ? { ok: true, data: body } : { ok: false, error: body.error ?? networkError };
  } catch {
    return { ok: false, error: networkError };
  }
}

export function postFile<T>(url: string, file: File, onProgress: (fraction: number) => void, networkError: string): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve(answerOf<T>(xhr.status, xhr.responseText, networkError));
    xhr.onerror = () => resolve({ ok: false, error: networkError });
    xhr.send(file);
  });
}

export async function postJson<T>(url: string, body: unknown, networkError: string): Promise<Answer<T>> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return answerOf<T>(res.status, await res.text(), networkError);
  } catch {
    return { ok: false, error: networkError };
  }
}
