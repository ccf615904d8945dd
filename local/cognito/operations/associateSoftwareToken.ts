/**
 * AssociateSoftwareToken: a new authenticator-app secret for the user, either signed in (with an
 * AccessToken) or in the middle of the MFA_SETUP challenge (with its Session, answered by a new
 * Session). The secret is stored sealed and stays pending until VerifySoftwareToken.
 */
import type {
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors.ts';
import { noMfa, poolFactors, poolMfaConfig } from '../mfa.ts';
import { type OperationFactory } from '../services.ts';
import { nextSetupSession, softwareTokenCaller } from '../software-token-setup.ts';
import { newTotpSecret, sealTotpSecret } from '../totp.ts';

export const associateSoftwareToken: OperationFactory<
  'authSessions' | 'clock' | 'keys' | 'store' | 'tokens',
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse
> = (services) => async (request) => {
  const now = services.clock.now();
  const { user, setup } = await softwareTokenCaller(services, request, now);
  // ⚠ unconfirmed: Cognito's answer when the pool does not offer software tokens.
  if (!poolFactors(poolMfaConfig(services)).includes('SOFTWARE_TOKEN_MFA'))
    throw new InvalidParameterException('Software token MFA is not enabled for this user pool.');

  const secret = newTotpSecret();
  const updated =
    user &&
    services.store.updateUser(user.username, (target) => {
      target.mfa ??= noMfa();
      target.mfa.pendingTotpSecret = sealTotpSecret(
        services.keys.challengeKey,
        user.username,
        secret,
      );
    });
  if (!updated) throw new InvalidParameterException('User does not exist.');
  if (!setup) return { SecretCode: secret };
  return {
    SecretCode: secret,
    Session: nextSetupSession(services, setup, user.username, { associated: 'true' }, now),
  };
};
