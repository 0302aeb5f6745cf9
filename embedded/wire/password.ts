// Password checks against pg_authid.rolpassword, the way PostgreSQL's own server does them:
// SCRAM-SHA-256 (RFC 5802 / RFC 7677) for SCRAM verifiers, MD5 challenge-response for md5 hashes.
// The password never crosses the socket in either; the verifier never leaves the database.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
const MOCK_ITERATIONS = 4096;

interface ScramVerifier {
  iterations: number;
  salt: string;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` → its parts, or undefined. */
export function parseScramVerifier(rolpassword: string | null): ScramVerifier | undefined {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(rolpassword ?? '');
  if (!m) return undefined;
  return { iterations: Number(m[1]), salt: m[2], storedKey: Buffer.from(m[3], 'base64'), serverKey: Buffer.from(m[4], 'base64') };
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/**
 * One SCRAM exchange. Without a verifier (unknown role, no password) it still answers with a
 * made-up salt and fails at the end, as PostgreSQL does, so the answer does not tell which roles exist.
 */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';

  constructor(private readonly verifier: ScramVerifier | undefined) {}

  /** Takes the client-first-message; returns the server-first-message, or undefined when malformed. */
  start(clientFirst: string): string | undefined {
    const m = /^([ny]),([^,]*),(.*)$/.exec(clientFirst);
    if (!m || m[2] !== '') return undefined;
    this.gs2Header = `${m[1]},,`;
    this.clientFirstBare = m[3];
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(this.clientFirstBare)?.[1];
    if (!clientNonce) return undefined;
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    const salt = this.verifier?.salt ?? randomBytes(16).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${salt},i=${this.verifier?.iterations ?? MOCK_ITERATIONS}`;
    return this.serverFirst;
  }

  /** Takes the client-final-message; returns the server-final-message when the proof holds. */
  finish(clientFinal: string): string | undefined {
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) return undefined;
    const withoutProof = clientFinal.slice(0, proofAt);
    const fields = new Map(withoutProof.split(',').map((f) => [f.slice(0, 1), f.slice(2)] as const));
    if (fields.get('c') !== Buffer.from(this.gs2Header).toString('base64') || fields.get('r') !== this.nonce) return undefined;
    if (!this.verifier) return undefined;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) return undefined;
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]));
    if (!sameBytes(createHash('sha256').update(clientKey).digest(), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

/** PostgreSQL's md5 method: the client sends "md5" + md5(md5(password || user) || salt). */
export function md5ResponseMatches(rolpassword: string, salt: Buffer, response: string): boolean {
  if (!/^md5[0-9a-f]{32}$/.test(rolpassword)) return false;
  const expected =
    'md5' +
    createHash('md5')
      .update(Buffer.concat([Buffer.from(rolpassword.slice(3)), salt]))
      .digest('hex');
  return sameBytes(Buffer.from(expected), Buffer.from(response));
}
