// Signing keys of the embedded Auth API. Access tokens are ES256 JWTs whose public key is served
// as a JWKS, so supabase-js `auth.getClaims()` verifies them locally, as with a Supabase project
// on asymmetric JWT signing keys. The anon and service-role API keys are long-lived JWTs signed
// with the same key, as `supabase status` prints them.
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const JWT_ISSUER_PATH = '/auth/v1';

export interface SigningKeys {
  kid: string;
  jwks: { keys: JWK[] };
  anonKey: string;
  serviceRoleKey: string;
  sign(claims: JWTPayload, expiresInSeconds: number): Promise<string>;
  /** Verifies signature and expiry; throws on anything else. */
  verify(token: string): Promise<JWTPayload>;
}

interface StoredKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

const TEN_YEARS = 10 * 365 * 24 * 3600;

async function createStoredKeys(): Promise<StoredKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  return {
    kid,
    privateJwk: await exportJWK(privateKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] },
  };
}

/** Loads the keys from `dataDir/keys.json`, creating them on first start. */
export async function loadOrCreateKeys(dataDir: string, issuer: string): Promise<SigningKeys> {
  const file = path.join(dataDir, 'keys.json');
  let stored: StoredKeys;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
  } else {
    stored = await createStoredKeys();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return keysFrom(stored, issuer);
}

async function keysFrom(stored: StoredKeys, issuer: string): Promise<SigningKeys> {
  const privateKey = await importJWK(stored.privateJwk, 'ES256');
  const jwks = { keys: [stored.publicJwk] };
  const localSet = createLocalJWKSet(jwks);
  const sign = (claims: JWTPayload, expiresInSeconds: number) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: stored.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(privateKey);
  };
  return {
    kid: stored.kid,
    jwks,
    anonKey: await sign({ role: 'anon' }, TEN_YEARS),
    serviceRoleKey: await sign({ role: 'service_role' }, TEN_YEARS),
    sign,
    async verify(token) {
      const { payload } = await jwtVerify(token, localSet, { issuer, algorithms: ['ES256'] });
      return payload;
    },
  };
}
