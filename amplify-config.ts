/**
 * Where the SPA finds Cognito and the API. One build serves every environment: at start-up the
 * app looks for `config.json` next to `index.html` (written by the CDK stack at deploy time) and
 * falls back to `localCloud`, the fixed defaults of the embedded local cloud (`npm start`).
 *
 * This file is also read by `local/` (on Node, by type stripping), so it must stay plain,
 * erasable TypeScript with no runtime imports.
 */

/** What the app needs to know about the environment it talks to. */
export interface RuntimeConfig {
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** Set only for the local cloud; on AWS Amplify derives the endpoint from the region. */
  readonly userPoolEndpoint?: string;
  /** Base URL of the Notes REST API (no trailing slash). The ID token is sent here only. */
  readonly apiBaseUrl: string;
  /**
   * Base URL of the back office routes (`<base>/admin/…`, no trailing slash), which take the
   * access token. On AWS the HTTP API (its JWT authorizer checks the `notes-api/admin` scope),
   * another origin than the REST API; locally the one gateway serves both, so it equals
   * `apiBaseUrl`.
   */
  readonly adminApiBaseUrl: string;
  /**
   * The second factors the pool offers (`TOTP`, `EMAIL`), so the app never offers one its pool
   * lacks. The stack always writes it; absent (the local cloud) means what `api/pool.ts` declares.
   */
  readonly mfaFactors?: readonly ('TOTP' | 'EMAIL')[];
  /**
   * What the pool lets people sign in with first, so the app offers only these. The stack always
   * writes it; the local cloud's default lists every factor `api/pool.ts` declares.
   */
  readonly firstFactors?: readonly ('PASSWORD' | 'EMAIL_OTP' | 'WEB_AUTHN')[];
}

/** Fixed identities of the local user pool; the local cloud declares its pool with these. */
export const localCloud = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_N0tesL0c4',
  userPoolClientId: 'localnotesspaclient0000001',
  machineClientId: 'localnotesmachineclient001',
  userPoolEndpoint: 'http://localhost:9229',
  apiBaseUrl: 'http://localhost:3000',
} as const;

export const defaultRuntimeConfig: RuntimeConfig = {
  region: localCloud.region,
  userPoolId: localCloud.userPoolId,
  userPoolClientId: localCloud.userPoolClientId,
  userPoolEndpoint: localCloud.userPoolEndpoint,
  apiBaseUrl: localCloud.apiBaseUrl,
  adminApiBaseUrl: localCloud.apiBaseUrl,
  // The local pool allows every factor api/pool.ts declares (its mailbox stands in for SES).
  firstFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
};

/** The subset of Amplify's `ResourcesConfig` this app uses, built from a runtime config. */
export function toAmplifyConfig(config: RuntimeConfig) {
  return {
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
        loginWith: { email: true },
        signUpVerificationMethod: 'code' as const,
      },
    },
  };
}

/** Parses a deployed `config.json`; throws with a readable message when a field is missing. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (typeof value !== 'object' || value === null) throw new Error('config.json is not an object');
  const record = value as Record<string, unknown>;
  const text = (key: string, required: boolean): string | undefined => {
    const field = record[key];
    if (field === undefined && !required) return undefined;
    if (typeof field !== 'string' || field === '')
      throw new Error(`config.json: "${key}" must be a non-empty string`);
    return field;
  };
  const userPoolEndpoint = text('userPoolEndpoint', false);
  const factors = record['mfaFactors'];
  if (
    factors !== undefined &&
    (!Array.isArray(factors) || !factors.every((f) => f === 'TOTP' || f === 'EMAIL'))
  )
    throw new Error('config.json: "mfaFactors" must be a list of "TOTP" and "EMAIL"');
  const firstFactors = record['firstFactors'];
  if (
    firstFactors !== undefined &&
    (!Array.isArray(firstFactors) ||
      !firstFactors.every((f) => f === 'PASSWORD' || f === 'EMAIL_OTP' || f === 'WEB_AUTHN'))
  )
    throw new Error(
      'config.json: "firstFactors" must be a list of "PASSWORD", "EMAIL_OTP" and "WEB_AUTHN"',
    );
  return {
    region: text('region', true)!,
    userPoolId: text('userPoolId', true)!,
    userPoolClientId: text('userPoolClientId', true)!,
    ...(userPoolEndpoint ? { userPoolEndpoint } : {}),
    apiBaseUrl: text('apiBaseUrl', true)!.replace(/\/+$/, ''),
    adminApiBaseUrl: text('adminApiBaseUrl', true)!.replace(/\/+$/, ''),
    ...(factors ? { mfaFactors: factors as ('TOTP' | 'EMAIL')[] } : {}),
    ...(firstFactors
      ? { firstFactors: firstFactors as ('PASSWORD' | 'EMAIL_OTP' | 'WEB_AUTHN')[] }
      : {}),
  };
}
