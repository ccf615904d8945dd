/**
 * One-time codes (6 digits, as Cognito sends by email). Only an HMAC of each code is stored, with
 * its expiry (table `codes`); a code is consumed by its first successful use. Rate limits live in
 * limits.ts; redeeming a typed code within them, in code-redemption.ts.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { CodeMismatchException, ExpiredCodeException } from './errors.ts';
import { type PoolConfig } from './pool-config.ts';
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
