// The code an authenticator app shows for a TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s), at a
// step before or after the current one when asked: what a test types instead of a phone.
import { Secret, TOTP } from 'otpauth';

export function totpCode(secret: string, stepOffset = 0, at = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at + stepOffset * 30_000 });
}

/** Milliseconds until the next 30-second step begins. */
export function msUntilNextStep(at = Date.now()): number {
  return 30_000 - (at % 30_000);
}
