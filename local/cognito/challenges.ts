/**
 * SRP challenge state. The server's secret `b` travels inside the sealed SECRET_BLOCK, so the
 * pool keeps no per-challenge state, except this short list of blocks already answered: a
 * SECRET_BLOCK is good for one answer within its lifetime, so a captured answer cannot be replayed.
 */
import { createHash } from 'node:crypto';

/** Cognito gives an auth session 3 minutes by default; the SRP answer must come within that. */
export const challengeLifetimeMs = 3 * 60_000;

export class UsedChallenges {
  readonly #used = new Map<string, number>();

  /** Marks the block as answered; false if it already was. */
  claim(secretBlock: string, expiresAt: number, now: number): boolean {
    for (const [key, expiry] of this.#used) if (expiry <= now) this.#used.delete(key);
    const key = createHash('sha256').update(secretBlock).digest('base64');
    if (this.#used.has(key)) return false;
    this.#used.set(key, expiresAt);
    return true;
  }
}
