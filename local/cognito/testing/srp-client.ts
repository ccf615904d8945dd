/**
 * The client half of Cognito's SRP for tests and benchmarks: the real client's helpers
 * (amazon-cognito-identity-js), and the PASSWORD_VERIFIER answer built from a derived key.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

export interface CijHelper {
  getLargeAValue(
    callback: (error: Error | null, value: { toString(radix: number): string }) => void,
  ): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: unknown,
    salt: unknown,
    callback: (error: Error | null, key: Uint8Array) => void,
  ): void;
}

const requireCjs = createRequire(import.meta.url);
export const { default: AuthenticationHelper } = requireCjs(
  'amazon-cognito-identity-js/lib/AuthenticationHelper',
) as { default: new (pool: string) => CijHelper };
export const { default: BigInteger } = requireCjs('amazon-cognito-identity-js/lib/BigInteger') as {
  default: new (value: string, radix: number) => unknown;
};
export const { default: DateHelper } = requireCjs('amazon-cognito-identity-js/lib/DateHelper') as {
  default: new () => { getNowString(): string };
};

/** `PASSWORD_CLAIM_SIGNATURE`: base64 HMAC-SHA256 over pool name, user id, SECRET_BLOCK, TIMESTAMP. */
export function passwordClaimSignature(
  key: Uint8Array,
  srpName: string,
  userId: string,
  secretBlock: Buffer,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(srpName),
        Buffer.from(userId),
        secretBlock,
        Buffer.from(timestamp),
      ]),
    )
    .digest('base64');
}

/** The `ChallengeResponses` of RespondToAuthChallenge(PASSWORD_VERIFIER). */
export function passwordVerifierAnswer(
  key: Uint8Array,
  srpName: string,
  parameters: Readonly<Record<string, string>>,
  timestamp: string,
): Record<string, string> {
  const userId = parameters['USER_ID_FOR_SRP']!;
  const secretBlock = parameters['SECRET_BLOCK']!;
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: passwordClaimSignature(
      key,
      srpName,
      userId,
      Buffer.from(secretBlock, 'base64'),
      timestamp,
    ),
  };
}
