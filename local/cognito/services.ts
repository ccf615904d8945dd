/**
 * What every operation is built from: small injected services, so tests can swap the clock. Types
 * only; shared behaviour lives in named modules (client-checks.ts, decoys.ts, transactions.ts, …).
 */
import { type IncomingHttpHeaders } from 'node:http';
import { type Clock } from '../clock.ts';
import { type CodeService } from './codes.ts';
import { type GroupDirectory } from './groups.ts';
import { type KeyRing } from './keys.ts';
import { type Mailbox } from './mailbox.ts';
import { type PoolConfig } from './pool-config.ts';
import { type JsonObject } from './request.ts';
import { type PoolStore } from './store.ts';
import { type TokenService } from './tokens.ts';
import { type Triggers } from './triggers.ts';
import { type UsedChallenges } from './challenges.ts';
import { type PasskeyRepository, type PendingRegistrations } from './passkeys.ts';
import { type AuthSessions } from './auth-sessions.ts';

export interface Services {
  readonly pool: PoolConfig;
  readonly store: PoolStore;
  readonly groups: GroupDirectory;
  readonly clock: Clock;
  readonly keys: KeyRing;
  readonly tokens: TokenService;
  readonly triggers: Triggers;
  readonly mailbox: Mailbox;
  readonly codes: CodeService;
  readonly challenges: UsedChallenges;
  /** Single-use Session strings of sign-in challenges (MFA, passwordless). */
  readonly authSessions: AuthSessions;
  readonly passkeys: PasskeyRepository;
  readonly registrations: PendingRegistrations;
  readonly log: (line: string) => void;
}

export interface RequestContext {
  readonly requestId: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * One Cognito operation: request JSON in, response JSON out, or a thrown CognitoError. `R` is the
 * response as the AWS SDK declares it (`Wire<SignUpResponse>`, …), so a response that drifts from
 * Cognito's shape fails the type-check.
 */
export type Operation<R extends object = object> = (
  request: JsonObject,
  ctx: RequestContext,
) => Promise<R>;
export type OperationFactory<R extends object = object> = (services: Services) => Operation<R>;

/**
 * An SDK model type as it travels in JSON: `Date` members are epoch seconds (numbers) and blobs
 * base64 strings; the SDK converts them on the client side.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;
