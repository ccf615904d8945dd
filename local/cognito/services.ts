/**
 * What every operation is built from: small injected services, so tests can swap the clock. Types
 * only; shared behaviour lives in named modules (client-checks.ts, decoys.ts, transactions.ts, …).
 */
import type {
  RespondToAuthChallengeResponse,
  StartWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
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
 * The part of `Services` a piece of code uses: each operation and shared helper names the services
 * it reads (`Uses<'store' | 'clock'>`), so its seam is visible in its signature and a test can build
 * it from just those.
 */
export type Uses<K extends keyof Services> = Pick<Services, K>;

/**
 * A request as it arrives in JSON, with the members the AWS SDK declares for it (`SignUpRequest`,
 * …) and nothing trusted about their values yet: the readers in request.ts check each one, and
 * a member name Cognito does not have fails the type-check.
 */
export type WireRequest<T extends object> = { readonly [K in keyof T]?: unknown };

/**
 * One Cognito operation: request JSON in, response JSON out, or a thrown CognitoError. `Req` and
 * `Res` are the SDK's own input and output types (`SignUpRequest`, `SignUpResponse`), so a request
 * member or response that drifts from Cognito's shape fails the type-check.
 */
export type Operation<Req extends object = JsonObject, Res extends object = object> = (
  request: WireRequest<Req>,
  ctx: RequestContext,
) => Promise<Wire<Res>>;

/** Builds an operation from the services it names (`K`), and only those. */
export type OperationFactory<K extends keyof Services, Req extends object, Res extends object> = (
  services: Uses<K>,
) => Operation<Req, Res>;

/** The services an operation names: for one that runs another whole (AdminInitiateAuth). */
export type ServicesOf<F extends (services: never) => unknown> = keyof Parameters<F>[0] &
  keyof Services;

/** Any operation, as the router holds them (each still typed by its own factory). */
export type AnyOperationFactory = (services: Services) => Operation;

/** The SDK's free-form JSON member type (`__DocumentType`), as its WebAuthn members declare it. */
type DocumentType = Exclude<
  StartWebAuthnRegistrationResponse['CredentialCreationOptions'],
  undefined
>;

/**
 * An SDK model type as it travels in JSON: `Date` members are epoch seconds (numbers) and blobs
 * base64 strings; the SDK converts them on the client side. A document member (WebAuthn options
 * and credentials) is any JSON value: its shape is WebAuthn's, checked where it is made
 * (webauthn.ts), not the SDK's.
 */
export type Wire<T> = [DocumentType] extends [T]
  ? unknown
  : T extends Date
    ? number
    : T extends Uint8Array
      ? string
      : T extends readonly (infer U)[]
        ? Wire<U>[]
        : T extends object
          ? { [K in keyof T]: Wire<T[K]> }
          : T;

/**
 * One step of a sign-in as Cognito answers it: the next challenge, or tokens. RespondToAuthChallenge's
 * shape; InitiateAuth's adds only `AvailableChallenges` (USER_AUTH's SELECT_CHALLENGE).
 */
export type AuthStep = Wire<RespondToAuthChallengeResponse>;

/** The response of an operation whose SDK output has no members (`DeleteUser`, …). */
export type EmptyResponse = Record<string, never>;
