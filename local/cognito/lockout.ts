/**
 * Sign-in lockout as the Developer Guide describes it: after 5 failures the user is locked for
 * 1 s, doubling with each further failure (2^(n-5) s) up to about 15 minutes; attempts during a
 * lockout answer "Password attempts exceeded" and do not count; 15 minutes without any attempt
 * after a lockout resets the counter. A success resets it too. Counters live in table `lockouts`.
 */
import { type LockoutState } from './store.ts';

const freeFailures = 5;
const maxLockMs = 15 * 60_000;
const quietResetMs = 15 * 60_000;

export const noLockout = (): LockoutState => ({ failures: 0, lockedUntil: 0, lastAttemptAt: 0 });

export function isLockedOut(state: LockoutState, now: number): boolean {
  return now < state.lockedUntil;
}

/** An attempt refused during a lockout: not counted, but it is an attempt (no quiet period). */
export function afterRefusedAttempt(state: LockoutState, now: number): LockoutState {
  return { ...state, lastAttemptAt: now };
}

/** The state after one more wrong password at `now`. */
export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = (isQuietLongEnough(state, now) ? 0 : state.failures) + 1;
  const lockedUntil =
    failures >= freeFailures ? now + Math.min(1000 * 2 ** (failures - freeFailures), maxLockMs) : 0;
  return { failures, lockedUntil, lastAttemptAt: now };
}

/** A quiet period of 15 minutes after the last attempt forgets earlier failures. */
function isQuietLongEnough(state: LockoutState, now: number): boolean {
  return state.lastAttemptAt > 0 && now - state.lastAttemptAt >= quietResetMs;
}
