/**
 * Time as the local services see it, injected so token expiry, lockouts and authorizer-cache TTLs
 * are tested by advancing a clock instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A JWT NumericDate (RFC 7519 §2): whole seconds, for `iat`, `exp` and `auth_time`. */
export const numericDate = (ms: number): number => Math.floor(ms / 1000);

/**
 * An AWS JSON timestamp (`UserCreateDate`, `CreationDate`, …): seconds since the epoch with the
 * milliseconds as a fraction, as the service sends them and the SDK reads them.
 */
export const awsTimestamp = (ms: number): number => ms / 1000;
