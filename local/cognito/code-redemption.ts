import { type CodePurpose } from './codes.ts';
import { CodeMismatchException, UserNotFoundException } from './errors.ts';
import { takeQuota, uncount, type LimitedAction } from './limits.ts';
import { type Uses } from './services.ts';
import { commitThenRefuse } from './transactions.ts';

/**
 * Redeems a code a user typed for `purpose`, within the hourly quota of wrong codes `failures`.
 * Call inside `commitThenRefuse`, with the write the code unlocks after it: the attempt is counted
 * before the code is judged (and taken back if right), all in the caller's transaction, so a burst
 * of parallel guesses gets no more codes judged than the quota. A right code is consumed.
 * `subject` is the username, or a phantom subject for a name that matches no user: that one is
 * counted and refused (CodeMismatchException) like a wrong code.
 */
export function redeemCode(
  services: Uses<'codes' | 'store'>,
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

/**
 * A new code for `purpose`, stored (as its HMAC) for `username` in the transaction that checks
 * the user still exists and counts the hourly `quota` (see limits.ts): over the quota nothing is
 * stored and LimitExceededException is thrown. Returns the code, for the caller to send.
 */
export function issueCode(
  services: Uses<'codes' | 'store'>,
  username: string,
  purpose: CodePurpose,
  quota: LimitedAction,
  now: number,
): string {
  const { store } = services;
  const { code, stored } = services.codes.issue(purpose, username, now);
  commitThenRefuse(services, () => {
    if (!store.getUser(username)) throw new UserNotFoundException();
    takeQuota(store, username, quota, now);
    store.putCode(username, purpose, stored);
  });
  return code;
}
