// The browser's one way to call the app's JSON routes: the parsed body, or an Error whose message
// is the route's own refusal (in the user's language, lib/request/route.ts) or, when no usable
// answer came at all, `offline` (never the browser's English "Failed to fetch").
export async function errorText(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    return body.error ?? fallback;
  } catch {
    return fallback;
  }
}

export async function requestJson<T>(url: string, offline: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new Error(offline);
  }
  if (!res.ok) throw new Error(await errorText(res, offline));
  try {
    return (await res.json()) as T;
  } catch {
    throw new Error(offline);
  }
}
