/**
 * SRP challenge state. The server's secret `b` travels inside the sealed SECRET_BLOCK, so the
 * pool keeps no per-challenge state, except the blocks already answered (table `used_challenges`,
 * kept until they expire, across restarts): a SECRET_BLOCK is good for one answer within its
 * lifetime, so a captured answer cannot be replayed, not even after the pool restarts.
 */
import { createHash } from 'node:crypto';
import { type PoolStore } from './store.ts';

/** Cognito gives an auth session 3 minutes by default; the SRP answer must come within that. */
export const challengeLifetimeMs = 3 * 60_000;

export class UsedChallenges {
  readonly #store: PoolStore;

  constructor(store: PoolStore) {
    this.#store = store;
  }

  /** Marks the block as answered (durably, in the caller's transaction if any); false if it already was. */
  claim(secretBlock: string, expiresAt: number): boolean {
    const key = createHash('sha256').update(secretBlock).digest('base64');
    return this.#store.claimChallenge(key, expiresAt);
  }
}
