/**
 * The user pool, declared once. The local cloud (`local/cognito/`) serves exactly this pool and
 * the CDK stack (`infra/`) deploys exactly this pool; tests on both sides compare against it.
 * Durations are in seconds.
 */

export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly temporaryPasswordValidityDays: number;
}

export interface ResourceServer {
  readonly identifier: string;
  readonly name: string;
  readonly scopes: readonly { readonly name: string; readonly description: string }[];
}

export type ExplicitAuthFlow =
  | 'ALLOW_USER_SRP_AUTH'
  | 'ALLOW_USER_PASSWORD_AUTH'
  | 'ALLOW_REFRESH_TOKEN_AUTH'
  /** Choice-based sign-in (`USER_AUTH`): password, SRP, email code or passkey, as the pool allows. */
  | 'ALLOW_USER_AUTH'
  /**
   * AdminInitiateAuth with `ADMIN_USER_PASSWORD_AUTH`: a server holding IAM credentials sends the
   * password. No declared client enables it: the SPA signs people in itself, and the back office
   * manages users through Admin* calls without ever handling their passwords.
   */
  | 'ALLOW_ADMIN_USER_PASSWORD_AUTH';

/** What a person may sign in with first (`Policies.SignInPolicy.AllowedFirstAuthFactors`). */
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'WEB_AUTHN';

/**
 * Passkeys (Cognito's `WebAuthnConfiguration`). The relying-party id differs per cloud: locally
 * `localhost` (browsers allow WebAuthn on http://localhost), on AWS the site's own domain (see
 * infra/README.md for the rules), so each cloud supplies it.
 */
export interface PasskeySettings {
  readonly localRelyingPartyId: string;
  /** `required`: only authenticators that verify the user (PIN, biometrics) may register or sign in. */
  readonly userVerification: 'required' | 'preferred';
  /** The relying party's display name in the browser's passkey prompt. */
  readonly relyingPartyName: string;
}

export interface AppClient {
  /** Stable logical name used by both clouds (ids differ: fixed locally, generated on AWS). */
  readonly name: string;
  readonly generateSecret: boolean;
  readonly explicitAuthFlows: readonly ExplicitAuthFlow[];
  readonly oauthGrants: readonly 'client_credentials'[];
  /** Full scope names, `resourceServer/scope`. */
  readonly oauthScopes: readonly string[];
  readonly preventUserExistenceErrors: boolean;
  readonly enableTokenRevocation: boolean;
  readonly tokenValidity: {
    readonly idToken: number;
    readonly accessToken: number;
    readonly refreshToken: number;
  };
}

/** The second factors a pool can offer, by their Cognito challenge names. */
export type MfaFactor = 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

export interface MfaDeclaration {
  /** `OPTIONAL`: each person chooses; `ON`: everyone must set one up at sign-in. */
  readonly mode: 'OFF' | 'OPTIONAL' | 'ON';
  /**
   * The CDK's `mfaSecondFactor`. On AWS, email codes need the Essentials feature plan and an SES
   * sender, so the stack offers `email` only when a sender is configured at deploy time.
   */
  readonly secondFactors: { readonly otp: boolean; readonly sms: boolean; readonly email: boolean };
  /** The email that carries a sign-in code; `{####}` is replaced by the code (as in Cognito). */
  readonly emailMessage: { readonly subject: string; readonly message: string };
}

/** The same factors in Amplify's names, as the app and its runtime config use them. */
export type AppMfaFactor = 'TOTP' | 'EMAIL';

/**
 * The second factors people may turn on: the declared ones, less email where the deployment
 * cannot send it (on AWS, without an SES sender). Empty when MFA is off.
 */
export function offeredMfaFactors(mfa: MfaDeclaration, canSendEmail = true): AppMfaFactor[] {
  if (mfa.mode === 'OFF') return [];
  return [
    ...(mfa.secondFactors.otp ? (['TOTP'] as const) : []),
    ...(mfa.secondFactors.email && canSendEmail ? (['EMAIL'] as const) : []),
  ];
}

const hour = 3600;
const day = 24 * hour;

export const notesResourceServer: ResourceServer = {
  identifier: 'notes-api',
  name: 'Notes API',
  scopes: [
    { name: 'notes.read', description: "Read any user's notes (integrations)" },
    { name: 'notes.write', description: 'Add notes for a user (integrations)' },
    { name: 'admin', description: 'Administer users (added to access tokens of admins only)' },
  ],
};

export const scopes = {
  notesRead: `${notesResourceServer.identifier}/notes.read`,
  notesWrite: `${notesResourceServer.identifier}/notes.write`,
  /** Added by the pre token generation trigger to access tokens of `admins` members only. */
  admin: `${notesResourceServer.identifier}/admin`,
} as const;

/** A user-pool group, as CreateGroup / AWS::Cognito::UserPoolGroup take it. */
export interface GroupDeclaration {
  readonly name: string;
  readonly description: string;
  /** 0 is the highest precedence; lower values come first in `cognito:groups`. */
  readonly precedence: number;
}

export const groups = {
  /** Members may use the back office (`/admin/...` routes, the SPA's Administration area). */
  admins: {
    name: 'admins',
    description: 'Administrators: manage users in the back office',
    precedence: 0,
  },
} as const satisfies Record<string, GroupDeclaration>;

export const userPool = {
  name: 'notes-users',
  /** Users sign in with their email address; the username is a UUID equal to `sub`. */
  signInAliases: { email: true },
  /**
   * `UsernameConfiguration.CaseSensitive` (the CDK's `signInCaseSensitive`): false, AWS's default
   * for new pools, so `Alice@Example.com` and `alice@example.com` (and a username in any case)
   * name the same user. Fixed once the pool exists.
   */
  usernameCaseSensitive: false,
  selfSignUpEnabled: true,
  autoVerify: { email: true },
  /**
   * A changed email takes effect only once its code is confirmed (Cognito's "keep original
   * attribute value active when an update is pending", AttributesRequireVerificationBeforeUpdate):
   * until then people still sign in with, and are reached at, the verified one.
   */
  keepOriginal: { email: true },
  passwordPolicy: {
    minimumLength: 8,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: true,
    temporaryPasswordValidityDays: 7,
  } satisfies PasswordPolicy,
  /**
   * Choice-based sign-in. EMAIL_OTP needs a real email sender on AWS (SES): a deployment without
   * one drops it (infra/auth.ts), and the app learns which factors exist from its runtime config.
   */
  signInPolicy: {
    allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] as readonly FirstAuthFactor[],
  },
  passkeys: {
    localRelyingPartyId: 'localhost',
    userVerification: 'preferred',
    relyingPartyName: 'Notes',
  } satisfies PasskeySettings,
  /**
   * Sign-in codes by email (EMAIL_OTP, first factor). Eight digits, as Cognito sends them
   * (unconfirmed: reported, not documented); valid as long as the sign-in session.
   */
  emailOtp: { codeLength: 8 },
  /** Cognito's sign-up code lives 24 h, a password-reset code 1 h. */
  codeLifetime: { signUp: day, forgotPassword: hour },
  resourceServers: [notesResourceServer],
  /**
   * Email domains that may sign up (pre sign-up trigger), e.g. `['example.com']`; empty: every
   * domain is welcome. Lower case. The default of one setting for both clouds: a deployment sets
   * it with `-c allowedEmailDomains=example.com,example.org` (infra/options.ts), the local cloud
   * with `ALLOWED_EMAIL_DOMAINS=…` (local/main.ts), both parsed by `emailDomainsSetting`, and
   * both hand it to the trigger (api/triggers/pre-sign-up.ts) as ALLOWED_EMAIL_DOMAINS.
   */
  allowedEmailDomains: [] as readonly string[],
  /** Created with the pool on both clouds; the back office manages their members. */
  groups: Object.values(groups) as readonly GroupDeclaration[],
  mfa: {
    mode: 'OPTIONAL',
    secondFactors: { otp: true, sms: false, email: true },
    emailMessage: {
      subject: 'Your Notes sign-in code',
      message: 'Your Notes sign-in code is {####}. It expires in 3 minutes.',
    },
  } satisfies MfaDeclaration,
  clients: {
    /** The browser app: public, no secret, SRP first. */
    spa: {
      name: 'notes-spa',
      generateSecret: false,
      /*
       * ALLOW_USER_PASSWORD_AUTH stays, deliberately, on both clouds: the SPA signs in with SRP,
       * but the journeys and tests drive the pool with USER_PASSWORD_AUTH (the AWS CLI and SDK's
       * simplest flow, also what MFA challenges are tested through), and a second client only for
       * that would differ from the SPA's in every other setting. The password then crosses TLS to
       * Cognito instead of staying on the device — the same exposure as the hosted sign-in page —
       * and Cognito's lockout and (Plus) threat protection apply to both flows alike.
       */
      explicitAuthFlows: [
        'ALLOW_USER_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      oauthGrants: [],
      oauthScopes: [],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      tokenValidity: { idToken: hour, accessToken: hour, refreshToken: 30 * day },
    } satisfies AppClient,
    /** A back-office integration: confidential, client_credentials, may only write. */
    machine: {
      name: 'notes-integration',
      generateSecret: true,
      explicitAuthFlows: [],
      oauthGrants: ['client_credentials'],
      oauthScopes: [scopes.notesWrite],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      tokenValidity: { idToken: hour, accessToken: hour, refreshToken: 30 * day },
    } satisfies AppClient,
  },
} as const;

/** The policy in one sentence for people choosing a password (the SPA shows it as a hint). */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const letters =
    policy.requireUppercase && policy.requireLowercase
      ? 'upper- and lower-case letters'
      : policy.requireUppercase
        ? 'an upper-case letter'
        : policy.requireLowercase
          ? 'a lower-case letter'
          : '';
  const kinds = [
    letters,
    policy.requireNumbers ? 'a number' : '',
    policy.requireSymbols ? 'a symbol' : '',
  ].filter(Boolean);
  const list =
    kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : (kinds[0] ?? '');
  return `At least ${policy.minimumLength} characters${list ? `, with ${list}` : ''}.`;
}

/** Cognito's password symbol set; the space counts as a symbol too (not first or last). */
export const passwordSymbols: ReadonlySet<string> = new Set(
  '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- '.split(''),
);

/**
 * The rules of `policy` that `password` breaks, as short phrases for a person ("at least 8
 * characters", "a number"), in the order Cognito checks them; empty when Cognito would accept it.
 * The SPA checks this before calling Cognito, so people see every missing rule at once.
 */
export function unmetPasswordRules(policy: PasswordPolicy, password: string): string[] {
  const unmet: string[] = [];
  if (password.length < policy.minimumLength)
    unmet.push(`at least ${policy.minimumLength} characters`);
  if (policy.requireLowercase && !/[a-z]/.test(password)) unmet.push('a lower-case letter');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) unmet.push('an upper-case letter');
  if (policy.requireNumbers && !/[0-9]/.test(password)) unmet.push('a number');
  if (policy.requireSymbols && ![...password].some((c) => passwordSymbols.has(c)))
    unmet.push('a symbol such as ! ? # or -');
  if (password !== password.trim()) unmet.push('no space at the start or end');
  return unmet;
}

/** `unmetPasswordRules` as one sentence, or null when the password is fine. */
export function passwordProblem(policy: PasswordPolicy, password: string): string | null {
  const unmet = unmetPasswordRules(policy, password);
  if (unmet.length === 0) return null;
  const list = unmet.length > 1 ? `${unmet.slice(0, -1).join(', ')} and ${unmet.at(-1)}` : unmet[0];
  return `The password needs ${list}.`;
}

/** A DNS name of at least two labels (`example.com`, `mail.example.co.uk`). */
const domainName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * The sign-up allow-list from a setting (`example.com,example.org`; lower-cased, spaces trimmed):
 * unset means the declaration's `allowedEmailDomains`, an empty value an empty list (every domain
 * welcome). Anything that is not a domain name is refused with the setting's name, so a typo
 * fails at start or synth time instead of refusing every sign-up.
 */
export function emailDomainsSetting(value: string | undefined, setting: string): string[] {
  if (value === undefined) return [...userPool.allowedEmailDomains];
  const domains = value
    .split(',')
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  for (const domain of domains)
    if (!domainName.test(domain))
      throw new Error(`${setting}: "${domain}" is not an email domain (example.com,example.org)`);
  return [...new Set(domains)];
}
