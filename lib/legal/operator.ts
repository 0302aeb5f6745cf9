// Who runs this installation: the controller named in the legal pages. Comes from configuration,
// never from the Markdown files, so every operator publishes their own details.
import { z } from 'zod';

const operatorSchema = z.object({
  name: z.string().min(1),
  email: z.string().email(),
  orgNumber: z.string().min(1),
  hostingRegion: z.string().min(1),
});

export type Operator = z.infer<typeof operatorSchema>;

// Shown on a developer's machine until the operator configures the real details.
const UNCONFIGURED: Operator = {
  name: 'Operatören (OPERATOR_NAME ej satt)',
  email: 'operator@example.invalid',
  orgNumber: 'OPERATOR_ORG_NUMBER ej satt',
  hostingRegion: 'EU (OPERATOR_HOSTING_REGION ej satt)',
};

export function operatorFromEnv(env: NodeJS.ProcessEnv = process.env): Operator {
  const configured = {
    name: env.OPERATOR_NAME,
    email: env.OPERATOR_EMAIL,
    orgNumber: env.OPERATOR_ORG_NUMBER,
    hostingRegion: env.OPERATOR_HOSTING_REGION,
  };
  if (Object.values(configured).every((v) => !v)) {
    if (env.NODE_ENV === 'production') {
      throw new Error('Set OPERATOR_NAME, OPERATOR_EMAIL, OPERATOR_ORG_NUMBER and OPERATOR_HOSTING_REGION: the legal pages name the operator.');
    }
    return UNCONFIGURED;
  }
  const parsed = operatorSchema.safeParse(configured);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `OPERATOR_${String(i.path[0]).replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
    throw new Error(`Operator details incomplete or invalid: ${missing.join(', ')}`);
  }
  return parsed.data;
}

export interface SecurityContact {
  /** Where vulnerability reports go: the operator's email. */
  email: string;
  /** When the published security.txt stops being valid (RFC 9116 § 2.5.5). */
  expires: Date;
}

const DAY = 86_400_000;

/**
 * The security.txt details: the operator's email, and OPERATOR_SECURITY_EXPIRES (an ISO 8601
 * date) or, unset, 180 days ahead (RFC 9116 advises less than a year), so it never lies stale.
 */
export function securityContactFromEnv(env: NodeJS.ProcessEnv = process.env, now = new Date()): SecurityContact {
  const { email } = operatorFromEnv(env);
  const configured = env.OPERATOR_SECURITY_EXPIRES;
  if (!configured) return { email, expires: new Date(Math.floor(now.getTime() / DAY) * DAY + 180 * DAY) };
  const expires = new Date(configured);
  if (Number.isNaN(expires.getTime())) throw new Error('OPERATOR_SECURITY_EXPIRES must be an ISO 8601 date, e.g. 2027-06-30');
  return { email, expires };
}
