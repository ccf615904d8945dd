/**
 * The Cognito Lambda triggers of `api/pool.ts`, deployed: the same modules the local pool runs,
 * one function each (own role, own log group), attached to the user pool. Pre token generation is
 * attached as event version 2 (V2_0), the version that may change access-token scopes.
 */
import { Duration } from 'aws-cdk-lib';
import { LambdaVersion, UserPoolOperation, type UserPool } from 'aws-cdk-lib/aws-cognito';
import { type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { triggers, type TriggerName } from '../api/triggers/declaration.ts';
import { type HandlerFunctions } from './functions.ts';

/** Cognito waits 5 s for a trigger; a function that runs longer is of no use to it. */
export const triggerTimeout = Duration.seconds(5);

export const triggerModules = (): string[] => Object.values(triggers).map((ref) => ref.module);

/** The configuration the triggers read, by variable name (see api/triggers/). */
export const triggerEnvironment = (
  allowedEmailDomains: readonly string[],
): Record<string, string> => ({
  ALLOWED_EMAIL_DOMAINS: allowedEmailDomains.join(','),
});

export function attachTriggers(
  pool: UserPool,
  functions: HandlerFunctions,
): Record<TriggerName, LambdaFunction> {
  const create = (name: TriggerName) =>
    functions.create({
      id: `${name[0]!.toUpperCase()}${name.slice(1)}Trigger`,
      handler: triggers[name],
      timeout: triggerTimeout,
    });
  const created = {
    preSignUp: create('preSignUp'),
    postConfirmation: create('postConfirmation'),
    preTokenGeneration: create('preTokenGeneration'),
    customMessage: create('customMessage'),
  };
  pool.addTrigger(UserPoolOperation.PRE_SIGN_UP, created.preSignUp);
  pool.addTrigger(UserPoolOperation.POST_CONFIRMATION, created.postConfirmation);
  pool.addTrigger(UserPoolOperation.CUSTOM_MESSAGE, created.customMessage);
  pool.addTrigger(
    UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
    created.preTokenGeneration,
    LambdaVersion.V2_0,
  );
  return created;
}
