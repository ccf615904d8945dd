/**
 * Cognito's per-user code and password quotas (Developer Guide, "code security resource quotas"),
 * counted in a sliding one-hour window (table `attempts`). Over the quota the operation answers
 * LimitExceededException. These are service quotas, not pool policy, so they live here.
 *
 * Check and count run inside the caller's transaction (see store.ts): parallel requests see each
 * other's counts, so a burst cannot get more attempts judged than the quota allows.
 */
import { LimitExceededException } from './errors.ts';
import { type PoolStore } from './store.ts';

export const hourlyQuota = {
  /** Codes sent by ResendConfirmationCode. */
  resendConfirmationCode: 5,
  /** Codes sent by GetUserAttributeVerificationCode (DG gives no figure; same as resend). */
  attributeVerificationCode: 5,
  /** Codes sent by ForgotPassword (DG gives no figure; same as resend). */
  forgotPassword: 5,
  /** Wrong codes tried on ConfirmSignUp (DG: 15 calls per hour). */
  confirmSignUpFailures: 15,
  /** Wrong codes tried on ConfirmForgotPassword (DG: 5 to 20 per hour by risk; the middle). */
  confirmForgotPasswordFailures: 10,
  /** Wrong previous passwords on ChangePassword (DG: 5 per hour). */
  changePasswordFailures: 5,
} as const;

export type LimitedAction = keyof typeof hourlyQuota;

/** Throws LimitExceededException when `subject` already used the action's hourly quota. */
function assertWithinQuota(
  store: PoolStore,
  subject: string,
  action: LimitedAction,
  now: number,
): void {
  if (store.countAttempts(subject, action, now) >= hourlyQuota[action])
    throw new LimitExceededException();
}

/** Checks the quota and counts one use, in one step; returns the count's id (see `uncount`). */
export function takeQuota(
  store: PoolStore,
  subject: string,
  action: LimitedAction,
  now: number,
): number {
  return store.transaction(() => {
    assertWithinQuota(store, subject, action, now);
    return store.addAttempt(subject, action, now);
  });
}

/** Takes back a use counted by `takeQuota` (a failure quota, after a success). */
export function uncount(store: PoolStore, attempt: number): void {
  store.removeAttempt(attempt);
}
