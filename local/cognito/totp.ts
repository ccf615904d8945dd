/**
 * Authenticator-app codes (RFC 6238) as Cognito checks them: HMAC-SHA-1, 6 digits, 30-second
 * steps, one step of clock skew either way. The otpauth library does the maths; this module adds
 * what Cognito adds: a code is good once (a step at or before the last one used is refused), and
 * the shared secret is kept sealed at rest (`sealTotpSecret`), never in plain text.
 */
import { Secret, TOTP } from 'otpauth';
import { seal, unseal } from './sealed.ts';

const algorithm = 'SHA1';
const digits = 6;
const period = 30;
/** Steps of clock skew accepted on either side of the current one. */
const window = 1;

/** A new shared secret in base32, the form `AssociateSoftwareToken` returns as `SecretCode`. */
export function newTotpSecret(): string {
  // 20 random bytes (the RFC's SHA-1 key size) are 32 base32 characters, as Cognito's secrets.
  return new Secret({ size: 20 }).base32;
}

/** The code an authenticator app shows at `now` (for test helpers in this process only). */
export function totpCodeAt(secretBase32: string, now: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm,
    digits,
    period,
    timestamp: now,
  });
}

/** The 30-second step `now` falls in. */
export function totpStep(now: number): number {
  return TOTP.counter({ period, timestamp: now });
}

/**
 * The step the code belongs to, or undefined when it matches none within the window or its step
 * is not after `lastUsedStep` (each code works once, and never after a later one was used).
 */
export function matchTotp(
  secretBase32: string,
  candidate: string,
  now: number,
  lastUsedStep = -1,
): number | undefined {
  if (!/^\d{6}$/.test(candidate)) return undefined;
  const delta = TOTP.validate({
    token: candidate,
    secret: Secret.fromBase32(secretBase32),
    algorithm,
    digits,
    period,
    timestamp: now,
    window,
  });
  if (delta === null) return undefined;
  const step = totpStep(now) + delta;
  return step > lastUsedStep ? step : undefined;
}

const secretPurpose = 'totp-secret';

/** The secret as stored: AES-256-GCM under the pool's key, bound to its user. */
export function sealTotpSecret(key: Buffer, username: string, secretBase32: string): string {
  return seal(key, `${secretPurpose}:${username}`, { secret: secretBase32 });
}

export function unsealTotpSecret(
  key: Buffer,
  username: string,
  sealed: string,
): string | undefined {
  return unseal<{ secret: string }>(key, `${secretPurpose}:${username}`, sealed)?.secret;
}
