import { CognitoError } from './errors.ts';
import { type Uses } from './services.ts';

/**
 * Runs `fn` in one transaction that keeps its writes even when `fn` refuses with a CognitoError:
 * the error is thrown after the commit. For check-then-count steps, where the counted attempt
 * must stay although the answer is a refusal. Any other error rolls everything back.
 */
export function commitThenRefuse<T>(services: Uses<'store'>, fn: () => T): T {
  const outcome = services.store.transaction((): { value: T } | { refusal: CognitoError } => {
    try {
      return { value: fn() };
    } catch (error) {
      if (error instanceof CognitoError) return { refusal: error };
      throw error;
    }
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.value;
}
