/**
 * AdminInitiateAuth: sign-in from a server with IAM credentials (SigV4, see iam-auth.ts).
 * `ADMIN_USER_PASSWORD_AUTH` (and its older name `ADMIN_NO_SRP_AUTH`) sends the password, and
 * only a client with `ALLOW_ADMIN_USER_PASSWORD_AUTH` accepts it; `USER_SRP_AUTH`,
 * `REFRESH_TOKEN_AUTH` / `REFRESH_TOKEN` and `USER_AUTH` are InitiateAuth's own flows, run by the
 * same engine after the pool id is checked. Challenges are answered with
 * AdminRespondToAuthChallenge (or RespondToAuthChallenge: a Session is bound to its client, not
 * to the operation that started it). `ClientMetadata` and `ContextData` are accepted; no trigger
 * of this pool reads them and there is no threat protection locally.
 */
import type {
  AdminInitiateAuthRequest,
  AdminInitiateAuthResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors.ts';
import { requiredString, stringMap } from '../request.ts';
import { assertPoolId, resolveClient } from '../client-checks.ts';
import { signInWithPassword } from '../password-auth.ts';
import { type OperationFactory, type ServicesOf } from '../services.ts';
import { initiateAuth } from './initiateAuth.ts';

/** The flows AdminInitiateAuth shares with InitiateAuth (same client flows, same answers). */
const sharedFlows = new Set(['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'USER_AUTH']);

export const adminInitiateAuth: OperationFactory<
  ServicesOf<typeof initiateAuth>,
  AdminInitiateAuthRequest,
  AdminInitiateAuthResponse
> = (services) => {
  const publicInitiateAuth = initiateAuth(services);
  return async (request, ctx) => {
    assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
    const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
    const flow = requiredString(request, 'AuthFlow');
    const parameters = stringMap(request, 'AuthParameters', true);
    if (flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH') {
      // AWS's wording for this flow (unlike InitiateAuth's "<FLOW> flow not enabled …").
      if (!client.declaration.explicitAuthFlows.includes('ALLOW_ADMIN_USER_PASSWORD_AUTH'))
        throw new InvalidParameterException('Auth flow not enabled for this client');
      return signInWithPassword(services, client, parameters);
    }
    if (sharedFlows.has(flow)) return publicInitiateAuth(request, ctx);
    // USER_PASSWORD_AUTH is InitiateAuth's only; CUSTOM_AUTH needs triggers this pool lacks.
    throw new InvalidParameterException(`Unsupported or not enabled auth flow: ${flow}`);
  };
};
