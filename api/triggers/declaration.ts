/**
 * The Cognito Lambda triggers of the user pool, declared once: the local pool runs these modules
 * in process (`local/cognito/triggers.ts`), the CDK stack deploys and attaches them
 * (`infra/triggers.ts`), each function allowed exactly its `access` (see `api/access.ts`).
 */
import type { HandlerRef } from '../routes.ts';

/** Keys as in the CDK's `UserPoolTriggers`. */
export type TriggerName = 'preSignUp' | 'postConfirmation' | 'preTokenGeneration' | 'customMessage';

const trigger = (file: string, access: HandlerRef['access'] = {}): HandlerRef => ({
  module: `api/triggers/${file}`,
  export: 'handler',
  access,
});

export const triggers = {
  /** Refuses email domains outside `userPool.allowedEmailDomains`. */
  preSignUp: trigger('pre-sign-up.ts'),
  /** Writes the welcome note; a retry reads the existing note back (idempotent create). */
  postConfirmation: trigger('post-confirmation.ts', { dynamodb: ['UpdateItem'] }),
  /** Event version 2 (LambdaVersion.V2_0): adds the admin scope to admins' access tokens. */
  preTokenGeneration: trigger('pre-token-generation.ts'),
  customMessage: trigger('custom-message.ts'),
} as const satisfies Record<TriggerName, HandlerRef>;
