/**
 * Cognito's per-user code and password quotas (Developer Guide, "code security resource quotas"),
 * counted in a sliding one-hour window stored on the user. Over the quota the operation answers
 * LimitExceededException. These are service quotas, not pool policy, so they live here.
 */
import { LimitExceededException } from './errors.ts';
import { type PoolStore, type UserRecord } from './store.ts';

const hourMs = 3600_000;

export const hourlyQuota = {
  /** Codes sent by ResendConfirmationCode. */
  resendConfirmationCode: 5,
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

/** Throws LimitExceededException when the action already used its hourly quota. */
export function assertWithinQuota(user: UserRecord, action: LimitedAction, now: number): void {
  if (recent(user, action, now).length >= hourlyQuota[action]) throw new LimitExceededException();
}

/** Counts one use of the action (call on a store draft). */
export function countAction(user: UserRecord, action: LimitedAction, now: number): void {
  user.rate[action] = [...recent(user, action, now), now];
}

/** Counts one failed attempt on the stored user, so the refusal that follows still counts. */
export async function countFailure(
  store: PoolStore,
  username: string,
  action: LimitedAction,
  now: number,
): Promise<void> {
  await store.update((draft) => {
    const target = draft.users[username];
    if (target) countAction(target, action, now);
  }, now);
}

function recent(user: UserRecord, action: LimitedAction, now: number): number[] {
  return (user.rate[action] ?? []).filter((time) => time > now - hourMs);
}
