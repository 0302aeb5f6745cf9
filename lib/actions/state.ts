// What a server action returns to its form; importable from client components.
export type FormValues = Record<string, string>;

export type ActionState =
  | { ok: true; message?: string; values?: FormValues }
  | { ok: false; fieldErrors: Record<string, string>; formError?: string; values: FormValues };

export const initialState: ActionState = { ok: false, fieldErrors: {}, values: {} };
