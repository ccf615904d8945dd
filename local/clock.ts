/**
 * Time as the local services see it, injected so token expiry, lockouts and authorizer-cache TTLs
 * are tested by advancing a clock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const seconds = (ms: number): number => Math.floor(ms / 1000);
