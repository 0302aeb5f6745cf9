// The Auth settings of supabase/config.toml, read the way the Supabase CLI's local stack applies
// them, so the stand-in confirms, re-authenticates and notifies as `supabase start` would with the
// same file. Only the keys below are read; the file's other sections belong to other services.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConfiguredRateLimits } from './rate-limit';

export interface AuthSettings {
  /** [auth.email] enable_confirmations: a new address confirms before it signs in. */
  confirmations: boolean;
  /** [auth.email] double_confirm_changes: an email change is confirmed by the old and the new address. */
  secureEmailChange: boolean;
  /** [auth.email] secure_password_change: a password change needs a recent sign-in or a nonce. */
  securePasswordChange: boolean;
  /** [auth.email.notification.password_changed] enabled: the address is told of a new password. */
  passwordChangedNotice: boolean;
  /** [auth] additional_redirect_urls: where links may lead besides the site itself. */
  redirectUrls: string[];
  /** [auth] minimum_password_length. */
  minPasswordLength: number;
  /** [auth] jwt_expiry, seconds. */
  accessTokenSeconds: number;
  /** [auth.rate_limit]: the per-IP limits the file sets. */
  rateLimits: ConfiguredRateLimits;
  /** [auth.mfa.totp] enroll_enabled / verify_enabled. */
  totpEnroll: boolean;
  totpVerify: boolean;
  /** [auth.mfa] max_enrolled_factors. */
  maxEnrolledFactors: number;
}

/** Defaults for keys config.toml leaves out: the CLI's, except that new addresses confirm, as on hosted projects. */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  confirmations: true,
  secureEmailChange: true,
  securePasswordChange: false,
  passwordChangedNotice: false,
  redirectUrls: [],
  minPasswordLength: 6,
  accessTokenSeconds: 3600,
  rateLimits: {},
  // Hosted projects have TOTP on; the CLI's template turns it off, config.toml turns it on.
  totpEnroll: true,
  totpVerify: true,
  maxEnrolledFactors: 10,
};

type TomlValue = string | number | boolean | string[];

const VALUE = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/**
 * Reads the flat subset of TOML config.toml uses: `[section]` headers and one-line `key = value`
 * with strings, integers, booleans and arrays of strings. Keys come back as `section.key`.
 */
export function readTomlTable(text: string): Map<string, TomlValue> {
  const table = new Map<string, TomlValue>();
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw
      .replace(/\s+#[^"]*$/, '')
      .replace(/^#.*$/, '')
      .trim();
    if (!line) continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!pair) continue;
    // TOML's basic strings, integers, booleans and arrays of strings are JSON as written.
    let value: unknown;
    try {
      value = JSON.parse(pair[2]);
    } catch {
      continue;
    }
    const parsed = VALUE.safeParse(value);
    if (parsed.success) table.set(section ? `${section}.${pair[1]}` : pair[1], parsed.data);
  }
  return table;
}

const SETTINGS = z.object({
  'auth.email.enable_confirmations': z.boolean().optional(),
  'auth.email.double_confirm_changes': z.boolean().optional(),
  'auth.email.secure_password_change': z.boolean().optional(),
  'auth.email.notification.password_changed.enabled': z.boolean().optional(),
  'auth.additional_redirect_urls': z.array(z.url()).optional(),
  'auth.minimum_password_length': z.number().int().min(6).max(72).optional(),
  'auth.jwt_expiry': z.number().int().min(30).max(604800).optional(),
  'auth.rate_limit.sign_in_sign_ups': z.number().int().min(1).optional(),
  'auth.rate_limit.token_refresh': z.number().int().min(1).optional(),
  'auth.mfa.totp.enroll_enabled': z.boolean().optional(),
  'auth.mfa.totp.verify_enabled': z.boolean().optional(),
  'auth.mfa.max_enrolled_factors': z.number().int().min(1).max(100).optional(),
});

/** The settings a config.toml gives; a missing file or key keeps the CLI's default. */
export function readAuthSettings(configPath: string): AuthSettings {
  if (!existsSync(configPath)) return DEFAULT_AUTH_SETTINGS;
  const found = SETTINGS.parse(Object.fromEntries(readTomlTable(readFileSync(configPath, 'utf8'))));
  const d = DEFAULT_AUTH_SETTINGS;
  return {
    confirmations: found['auth.email.enable_confirmations'] ?? d.confirmations,
    secureEmailChange: found['auth.email.double_confirm_changes'] ?? d.secureEmailChange,
    securePasswordChange: found['auth.email.secure_password_change'] ?? d.securePasswordChange,
    passwordChangedNotice: found['auth.email.notification.password_changed.enabled'] ?? d.passwordChangedNotice,
    redirectUrls: found['auth.additional_redirect_urls'] ?? d.redirectUrls,
    minPasswordLength: found['auth.minimum_password_length'] ?? d.minPasswordLength,
    accessTokenSeconds: found['auth.jwt_expiry'] ?? d.accessTokenSeconds,
    rateLimits: { signInSignUps: found['auth.rate_limit.sign_in_sign_ups'], tokenRefresh: found['auth.rate_limit.token_refresh'] },
    totpEnroll: found['auth.mfa.totp.enroll_enabled'] ?? d.totpEnroll,
    totpVerify: found['auth.mfa.totp.verify_enabled'] ?? d.totpVerify,
    maxEnrolledFactors: found['auth.mfa.max_enrolled_factors'] ?? d.maxEnrolledFactors,
  };
}
