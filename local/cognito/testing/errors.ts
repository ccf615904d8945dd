/** Asserting a refusal the way a client sees it: the SDK error's `name` (Cognito's `__type`) and message. */
import assert from 'node:assert/strict';

export async function assertRefused(
  promise: Promise<unknown>,
  type: string,
  message?: string | RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, type);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}
