/**
 * AssociateSoftwareToken: a new authenticator-app secret for the user, either signed in (with an
 * AccessToken) or in the middle of the MFA_SETUP challenge (with its Session, answered by a new
 * Session). The secret is stored sealed and stays pending until VerifySoftwareToken.
 */
import type { AssociateSoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors.ts';
import { noMfa, poolFactors, poolMfaConfig } from '../mfa.ts';
import { optionalString } from '../request.ts';
import { type OperationFactory, type Wire } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { newTotpSecret, sealTotpSecret } from '../totp.ts';

export const associateSoftwareToken: OperationFactory<Wire<AssociateSoftwareTokenResponse>> =
  (services) => async (request) => {
    const accessToken = optionalString(request, 'AccessToken');
    const session = optionalString(request, 'Session');
    if (!accessToken && !session)
      throw new InvalidParameterException('Either AccessToken or Session must be provided');
    const now = services.clock.now();
    const record = accessToken
      ? undefined
      : services.authSessions.expect(session, undefined, 'MFA_SETUP', now);
    const username = accessToken
      ? (await authenticateAccess(services, accessToken)).user.username
      : record!.username;
    // ⚠ unconfirmed: Cognito's answer when the pool does not offer software tokens.
    if (!poolFactors(poolMfaConfig(services)).includes('SOFTWARE_TOKEN_MFA'))
      throw new InvalidParameterException('Software token MFA is not enabled for this user pool.');

    const secret = newTotpSecret();
    const updated = services.store.updateUser(username, (user) => {
      user.mfa ??= noMfa();
      user.mfa.pendingTotpSecret = sealTotpSecret(services.keys.challengeKey, username, secret);
    });
    if (!updated) throw new InvalidParameterException('User does not exist.');
    if (!record) return { SecretCode: secret };
    services.authSessions.finish(session!);
    return {
      SecretCode: secret,
      Session: services.authSessions.start(
        {
          username,
          clientId: record.clientId,
          challenge: 'MFA_SETUP',
          data: { associated: 'true' },
        },
        now,
      ),
    };
  };
