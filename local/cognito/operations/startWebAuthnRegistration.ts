/**
 * StartWebAuthnRegistration: the signed-in user asks to add a passkey; the answer is the
 * `CredentialCreationOptions` document for `navigator.credentials.create` (as JSON, base64url
 * fields), with the user's existing passkeys excluded so one authenticator is not added twice.
 */
import type {
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { WebAuthnNotEnabledException } from '../errors.ts';
import { localRelyingParty, passkeysEnabled } from '../passkeys.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { registrationOptions } from '../webauthn.ts';

export const startWebAuthnRegistration: OperationFactory<
  'clock' | 'passkeys' | 'registrations' | 'store' | 'tokens',
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse
> = (services) => async (request) => {
  const { claims, user } = await authenticateAccess(services, request['AccessToken']);
  if (!passkeysEnabled()) throw new WebAuthnNotEnabledException();
  const challenge = services.registrations.start(
    user.username,
    claims.client_id,
    services.clock.now(),
  );
  const options = await registrationOptions(
    localRelyingParty,
    { username: user.username, email: user.attributes['email'] ?? user.username },
    services.passkeys.listFor(user.username),
    challenge,
  );
  return { CredentialCreationOptions: options };
};
