// The few pieces of the PostgreSQL v3 wire protocol the embedded database's front door speaks
// itself (startup, authentication, errors); everything after login goes to PGlite untouched.

export const PROTOCOL_V3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');

export const authenticationOk = () => message('R', int32(0));
export const authenticationMd5 = (salt: Buffer) => message('R', Buffer.concat([int32(5), salt]));
export const authenticationSasl = (mechanism: string) => message('R', Buffer.concat([int32(10), cstring(mechanism), Buffer.from([0])]));
export const authenticationSaslContinue = (data: string) => message('R', Buffer.concat([int32(11), Buffer.from(data, 'utf8')]));
export const authenticationSaslFinal = (data: string) => message('R', Buffer.concat([int32(12), Buffer.from(data, 'utf8')]));
export const parameterStatus = (name: string, value: string) => message('S', Buffer.concat([cstring(name), cstring(value)]));
export const backendKeyData = (pid: number, key: number) => message('K', Buffer.concat([int32(pid), int32(key)]));
export const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1'));

/** A FATAL ErrorResponse, as PostgreSQL sends before closing a refused connection. */
export function fatal(code: string, text: string): Buffer {
  return message('E', Buffer.concat([cstring('SFATAL'), cstring('VFATAL'), cstring(`C${code}`), cstring(`M${text}`), Buffer.from([0])]));
}

export function queryMessage(sql: string): Buffer {
  return message('Q', cstring(sql));
}

export const syncMessage = () => message('S', Buffer.alloc(0));

/** Splits `key\0value\0…\0` (the startup message's parameters). */
export function startupParameters(body: Buffer): Map<string, string> {
  const parts = body.toString('utf8').split('\0');
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length && parts[i] !== ''; i += 2) params.set(parts[i], parts[i + 1]);
  return params;
}

/** The SQL text of a Query ('Q') or Parse ('P') message, or undefined for other messages. */
export function statementText(msg: Buffer): string | undefined {
  const type = String.fromCharCode(msg[0]);
  // PostgreSQL reads a Query's text up to its first NUL, so that is the text to check.
  if (type === 'Q') {
    const end = msg.indexOf(0, 5);
    return msg.subarray(5, end < 0 ? msg.length : end).toString('utf8');
  }
  if (type === 'P') {
    const nameEnd = msg.indexOf(0, 5);
    const sqlEnd = msg.indexOf(0, nameEnd + 1);
    return msg.subarray(nameEnd + 1, sqlEnd).toString('utf8');
  }
  return undefined;
}

/** A backend answer without its ReadyForQuery messages. */
export function withoutReadyForQuery(data: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (let at = 0; at + 5 <= data.length;) {
    const end = at + 1 + data.readInt32BE(at + 1);
    if (data[at] !== 0x5a) kept.push(data.subarray(at, end));
    at = end;
  }
  return Buffer.concat(kept);
}

export interface BackendResult {
  rows: (string | null)[][];
  error?: { code: string; message: string };
}

/** Reads the rows and the first error out of a backend response to a simple query. */
export function readBackendResult(data: Buffer): BackendResult {
  const result: BackendResult = { rows: [] };
  for (let at = 0; at + 5 <= data.length;) {
    const type = String.fromCharCode(data[at]);
    const length = data.readInt32BE(at + 1);
    const body = data.subarray(at + 5, at + 1 + length);
    if (type === 'D') {
      const row: (string | null)[] = [];
      let p = 2;
      for (let i = 0; i < body.readInt16BE(0); i++) {
        const len = body.readInt32BE(p);
        p += 4;
        row.push(len < 0 ? null : body.subarray(p, p + len).toString('utf8'));
        if (len > 0) p += len;
      }
      result.rows.push(row);
    } else if (type === 'E' && !result.error) {
      const fields = new Map(
        body
          .toString('utf8')
          .split('\0')
          .filter(Boolean)
          .map((f) => [f[0], f.slice(1)] as const),
      );
      result.error = { code: fields.get('C') ?? 'XX000', message: fields.get('M') ?? 'error' };
    }
    at += 1 + length;
  }
  return result;
}
