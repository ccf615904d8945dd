import type { WritableSignal } from '@angular/core';

/**
 * Runs one call of a sign-in screen: busy while it runs, and its failure shown as the screen's
 * problem. `AuthService` has already put Cognito's error in the app's words.
 */
export async function attempt(
  busy: WritableSignal<boolean>,
  problem: WritableSignal<string | null>,
  call: () => Promise<unknown>,
): Promise<void> {
  busy.set(true);
  problem.set(null);
  try {
    await call();
  } catch (error) {
    problem.set(error instanceof Error ? error.message : 'Something went wrong. Please try again.');
  } finally {
    busy.set(false);
  }
}
