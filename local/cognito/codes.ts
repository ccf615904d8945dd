/**
 * One-time codes (6 digits, as Cognito sends by email). Only an HMAC of each code is stored, with
 * its expiry (table `codes`); a code is consumed by its first successful use. Rate limits live in limits.ts.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { CodeMismatchException, ExpiredCodeException } from './errors.ts';
import { takeQuota, uncount, type LimitedAction } from './limits.ts';
import { type PoolConfig } from './pool-config.ts';
import { type Services } from './services.ts';
import { type StoredCode } from './store.ts';

export type CodePurpose = 'signUp' | 'forgotPassword' | 'verifyEmail';

export class CodeService {
  readonly #key: Buffer;
  readonly #lifetime: PoolConfig['codeLifetime'];

  /** `lifetime`: seconds, from the pool declaration; an email-change code lives as a sign-up code. */
  constructor(hashKey: Buffer, lifetime: PoolConfig['codeLifetime']) {
    this.#key = hashKey;
    this.#lifetime = lifetime;
  }

  /** A new code and what to store for it (expiring after the pool's lifetime for `purpose`). */
  issue(purpose: CodePurpose, username: string, now: number): { code: string; stored: StoredCode } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const lifetime =
      purpose === 'forgotPassword' ? this.#lifetime.forgotPassword : this.#lifetime.signUp;
    return {
      code,
      stored: { hash: this.#hash(purpose, username, code), expiresAt: now + lifetime * 1000 },
    };
  }

  /**
   * Throws ExpiredCodeException when no code is pending or it has expired (Cognito's answer to
   * both), CodeMismatchException for a wrong code.
   */
  check(
    purpose: CodePurpose,
    username: string,
    stored: StoredCode | undefined,
    candidate: string,
    now: number,
  ): void {
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
 * Redeems a code a user typed for `purpose`, within the hourly quota of wrong codes `failures`.
 * Call inside `commitThenRefuse`, with the write the code unlocks after it: the attempt is counted
 * before the code is judged (and taken back if right), all in the caller's transaction, so a burst
 * of parallel guesses gets no more codes judged than the quota. A right code is consumed.
 * `subject` is the username, or a phantom subject for a name that matches no user: that one is
 * counted and refused (CodeMismatchException) like a wrong code.
 */
export function redeemCode(
  services: Services,
  subject: string,
  purpose: CodePurpose,
  candidate: string,
  failures: LimitedAction,
  now: number,
): void {
  const { store } = services;
  const attempt = takeQuota(store, subject, failures, now);
  const phantom = subject.startsWith('phantom:');
  const stored = phantom
    ? { hash: '0'.repeat(64), expiresAt: Number.MAX_SAFE_INTEGER } // matches no code
    : store.getCode(subject, purpose);
  try {
    services.codes.check(purpose, subject, stored, candidate, now);
  } catch (error) {
    if (!(error instanceof CodeMismatchException)) uncount(store, attempt);
    throw error;
  }
  uncount(store, attempt);
  store.deleteCode(subject, purpose);
}
