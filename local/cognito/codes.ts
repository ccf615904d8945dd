/**
 * One-time codes (6 digits, as Cognito sends by email). Only an HMAC of each code is stored, with
 * its expiry; a code is consumed by its first successful use. Rate limits live in limits.ts.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { CodeMismatchException, ExpiredCodeException } from './errors.ts';
import { assertWithinQuota, countFailure, type LimitedAction } from './limits.ts';
import { type Services } from './services.ts';
import { type StoredCode, type UserRecord } from './store.ts';

export type CodePurpose = 'signUp' | 'forgotPassword' | 'verifyEmail';

export class CodeService {
  readonly #key: Buffer;
  constructor(hashKey: Buffer) {
    this.#key = hashKey;
  }

  /** A new code and what to store for it. */
  issue(purpose: CodePurpose, username: string, expiresAt: number): { code: string; stored: StoredCode } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    return { code, stored: { hash: this.#hash(purpose, username, code), expiresAt } };
  }

  /**
   * Throws ExpiredCodeException when no code is pending or it has expired (Cognito's answer to
   * both), CodeMismatchException for a wrong code.
   */
  check(purpose: CodePurpose, username: string, stored: StoredCode | undefined, candidate: string, now: number): void {
    if (!stored || stored.expiresAt <= now) throw new ExpiredCodeException();
    const expected = Buffer.from(stored.hash, 'hex');
    const actual = Buffer.from(this.#hash(purpose, username, candidate), 'hex');
    if (!timingSafeEqual(expected, actual)) throw new CodeMismatchException();
  }

  #hash(purpose: CodePurpose, username: string, code: string): string {
    return createHmac('sha256', this.#key).update(`${purpose}:${username}:${code}`).digest('hex');
  }
}

/**
 * Checks a code a user typed against the one pending for `purpose`, within the hourly quota of
 * wrong codes `failures`: a wrong code counts toward it (persisted) before it is refused.
 */
export async function checkUserCode(
  services: Services,
  user: UserRecord,
  purpose: CodePurpose,
  candidate: string,
  failures: LimitedAction,
  now: number,
): Promise<void> {
  assertWithinQuota(user, failures, now);
  try {
    services.codes.check(purpose, user.username, user.codes[purpose], candidate, now);
  } catch (error) {
    if (error instanceof CodeMismatchException) await countFailure(services.store, user.username, failures, now);
    throw error;
  }
}
