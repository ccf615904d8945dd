/** DeleteWebAuthnCredential: the signed-in user removes one of their passkeys. */
import type {
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { ResourceNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const deleteWebAuthnCredential: OperationFactory<
  'passkeys' | 'store' | 'tokens',
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const credentialId = requiredString(request, 'CredentialId');
  // Another user's passkey is answered like a missing one.
  if (!services.passkeys.remove(user.username, credentialId))
    throw new ResourceNotFoundException('Credential not found.');
  return {};
};
