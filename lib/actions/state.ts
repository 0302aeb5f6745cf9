// What a server action returns to its form; importable from client components.
export type FormValues = Record<string, string>;

export type ActionState =
  /** data: what the handler hands back to show once (an authenticator app's QR code and key). */
  | { ok: true; message?: string; values?: FormValues; data?: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; formError?: string; values: FormValues };

export const initialState: ActionState = { ok: false, fieldErrors: {}, values: {} };
