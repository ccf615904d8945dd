/**
 * Cognito Lambda triggers, run in this process: the handlers declared in `api/pool.ts` (the same
 * modules the CDK stack deploys), called with Cognito's event shape — `{version, triggerSource,
 * region, userPoolId, userName, callerContext, request, response}` — and Cognito's answers when
 * one fails:
 * - it throws: `UserLambdaValidationException` "<Trigger> failed with error <message>.";
 * - it runs past 5 s (Cognito's wait): `UnexpectedLambdaException` "<Trigger> invocation failed
 *   due to error Socket timeout while invoking Lambda function." (as users report it);
 * - it answers something that is not the event: `InvalidLambdaResponseException`
 *   "Unrecognizable lambda output".
 */
import { resolve } from 'node:path';
import type { HandlerRef } from '../../api/routes.ts';
import { triggers, type TriggerName } from '../../api/triggers/declaration.ts';
import { HandlerTimeout, LambdaRuntime } from '../gateway/lambda.ts';
import { CognitoError } from './errors.ts';
import { type PoolConfig } from './pool-config.ts';
import { type UserRecord } from './store.ts';

/** Cognito waits this long for a trigger. */
export const triggerTimeoutMs = 5000;

export class UserLambdaValidationException extends CognitoError {
  constructor(message: string) {
    super('UserLambdaValidationException', message);
  }
}
export class UnexpectedLambdaException extends CognitoError {
  constructor(message: string) {
    super('UnexpectedLambdaException', message);
  }
}
export class InvalidLambdaResponseException extends CognitoError {
  constructor(message = 'Unrecognizable lambda output') {
    super('InvalidLambdaResponseException', message);
  }
}

/** The name Cognito's messages give each trigger. */
const displayName: Readonly<Record<TriggerName, string>> = {
  preSignUp: 'PreSignUp',
  postConfirmation: 'PostConfirmation',
  preTokenGeneration: 'PreTokenGeneration',
  customMessage: 'CustomMessage',
};

export interface TriggerOptions {
  /** Default: the triggers of `api/pool.ts`. */
  readonly handlers?: Partial<Record<TriggerName, HandlerRef>>;
  /** The environment the CDK stack gives the trigger functions, set before they run. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

interface TriggerEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** What a pre sign-up trigger answered (Cognito's `response` of the event). */
export interface PreSignUpDecision {
  readonly autoConfirmUser: boolean;
  readonly autoVerifyEmail: boolean;
  readonly autoVerifyPhone: boolean;
}

export interface TokenOverrides {
  readonly idTokenGeneration?: {
    readonly claimsToAddOrOverride?: Record<string, unknown>;
    readonly claimsToSuppress?: readonly string[];
  };
  readonly accessTokenGeneration?: {
    readonly claimsToAddOrOverride?: Record<string, unknown>;
    readonly claimsToSuppress?: readonly string[];
    readonly scopesToAdd?: readonly string[];
    readonly scopesToSuppress?: readonly string[];
  };
  readonly groupOverrideDetails?: { readonly groupsToOverride?: readonly string[] };
}

export class Triggers {
  readonly #pool: PoolConfig;
  readonly #handlers: Partial<Record<TriggerName, HandlerRef>>;
  readonly #runtime = new LambdaRuntime(resolve(import.meta.dirname, '..', '..'));
  readonly #timeoutMs: number;

  /** `undefined` options: no triggers (a bare pool, as in most tests). */
  constructor(pool: PoolConfig, options: TriggerOptions | undefined) {
    this.#pool = pool;
    this.#handlers = options ? (options.handlers ?? triggers) : {};
    this.#timeoutMs = options?.timeoutMs ?? triggerTimeoutMs;
    if (options?.env) Object.assign(process.env, options.env);
  }

  has(name: TriggerName): boolean {
    return this.#handlers[name] !== undefined;
  }

  /**
   * PreSignUp_SignUp / PreSignUp_AdminCreateUser: a throw refuses the sign-up; the answer's
   * `autoConfirmUser`, `autoVerifyEmail` and `autoVerifyPhone` (only a boolean `true` counts) are
   * returned for SignUp to honour. No trigger: all false.
   */
  async preSignUp(
    source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser',
    userName: string,
    attributes: Record<string, string>,
    clientId: string | undefined,
    extra: { validationData?: Record<string, string>; clientMetadata?: Record<string, string> },
  ): Promise<PreSignUpDecision> {
    const answer = await this.#run('preSignUp', source, '1', userName, clientId, {
      request: {
        userAttributes: attributes,
        validationData: extra.validationData ?? null,
        ...(extra.clientMetadata ? { clientMetadata: extra.clientMetadata } : {}),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const response = answer?.response ?? {};
    return {
      autoConfirmUser: response['autoConfirmUser'] === true,
      autoVerifyEmail: response['autoVerifyEmail'] === true,
      autoVerifyPhone: response['autoVerifyPhone'] === true,
    };
  }

  /** After the user is confirmed; a throw is reported to the caller, the user stays confirmed. */
  async postConfirmation(
    source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
    user: UserRecord,
    clientId: string | undefined,
  ): Promise<void> {
    await this.#run('postConfirmation', source, '1', user.username, clientId, {
      request: { userAttributes: eventAttributes(user) },
      response: {},
    });
  }

  /** Version 2 (LambdaVersion V2_0): claim and scope changes for both tokens. */
  async preTokenGeneration(
    source:
      | 'TokenGeneration_Authentication'
      | 'TokenGeneration_RefreshTokens'
      | 'TokenGeneration_NewPasswordChallenge',
    user: UserRecord,
    clientId: string,
    groups: readonly string[],
    scopes: readonly string[],
  ): Promise<TokenOverrides | undefined> {
    if (!this.has('preTokenGeneration')) return undefined;
    const answer = await this.#run('preTokenGeneration', source, '2', user.username, clientId, {
      request: {
        userAttributes: eventAttributes(user),
        groupConfiguration: {
          groupsToOverride: [...groups],
          iamRolesToOverride: [],
          preferredRole: null,
        },
        scopes: [...scopes],
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
    const details = answer?.response['claimsAndScopeOverrideDetails'];
    if (details === null || details === undefined) return undefined;
    if (typeof details !== 'object') throw new InvalidLambdaResponseException();
    return details as TokenOverrides;
  }

  /** The app's subject and text for a code message, or undefined for the pool's default. */
  async customMessage(
    source:
      | 'CustomMessage_SignUp'
      | 'CustomMessage_ResendCode'
      | 'CustomMessage_ForgotPassword'
      | 'CustomMessage_UpdateUserAttribute'
      | 'CustomMessage_VerifyUserAttribute'
      | 'CustomMessage_AdminCreateUser',
    user: UserRecord,
    clientId: string | undefined,
    code: string,
  ): Promise<{ subject: string; body: string } | undefined> {
    if (!this.has('customMessage')) return undefined;
    // Cognito hands the trigger placeholders and fills in the code (and username) afterwards.
    const admin = source === 'CustomMessage_AdminCreateUser';
    const answer = await this.#run('customMessage', source, '1', user.username, clientId, {
      request: {
        userAttributes: eventAttributes(user),
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: admin ? '{username}' : null,
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
    const subject = answer?.response['emailSubject'];
    const message = answer?.response['emailMessage'];
    if (typeof message !== 'string' || message === '') return undefined;
    const fill = (text: string) =>
      text.replaceAll('{####}', code).replaceAll('{username}', user.attributes['email'] ?? '');
    return {
      subject: typeof subject === 'string' && subject !== '' ? fill(subject) : '',
      body: fill(message),
    };
  }

  async #run(
    name: TriggerName,
    triggerSource: string,
    version: string,
    userName: string,
    clientId: string | undefined,
    parts: Pick<TriggerEvent, 'request' | 'response'>,
  ): Promise<TriggerEvent | undefined> {
    const ref = this.#handlers[name];
    if (!ref) return undefined;
    const event: TriggerEvent = {
      version,
      triggerSource,
      region: this.#pool.region,
      userPoolId: this.#pool.id,
      userName,
      callerContext: {
        awsSdkVersion: 'aws-sdk-unknown-unknown',
        clientId: clientId ?? 'CLIENT_ID_NOT_APPLICABLE',
      },
      ...parts,
    };
    let answer: unknown;
    try {
      answer = await this.#runtime.invoke(ref, event, {
        functionName: `notes-${name}-trigger`,
        timeoutMs: this.#timeoutMs,
        region: this.#pool.region,
        accountId: '000000000000',
      });
    } catch (error) {
      if (error instanceof HandlerTimeout)
        throw new UnexpectedLambdaException(
          `${displayName[name]} invocation failed due to error Socket timeout while invoking Lambda function.`,
        );
      const message = error instanceof Error ? error.message : String(error);
      throw new UserLambdaValidationException(`${displayName[name]} failed with error ${message}.`);
    }
    if (
      typeof answer !== 'object' ||
      answer === null ||
      typeof (answer as TriggerEvent).response !== 'object' ||
      (answer as TriggerEvent).response === null
    )
      throw new InvalidLambdaResponseException();
    return answer as TriggerEvent;
  }
}

/** Attributes as triggers see them: every attribute plus `cognito:user_status`. */
function eventAttributes(user: UserRecord): Record<string, string> {
  return { ...user.attributes, 'cognito:user_status': user.status };
}
