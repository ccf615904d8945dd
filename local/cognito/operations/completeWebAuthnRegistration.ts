/**
 * CompleteWebAuthnRegistration: the browser's registration response, checked against the
 * challenge StartWebAuthnRegistration issued (once, within its timeout, from the same app
 * client), then stored as one of the user's passkeys.
 */
import type {
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  InvalidParameterException,
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnNotEnabledException,
} from '../errors.ts';
import { localRelyingParty, passkeysEnabled } from '../passkeys.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { verifyRegistration } from '../webauthn.ts';

export const completeWebAuthnRegistration: OperationFactory<
  'clock' | 'passkeys' | 'registrations' | 'store' | 'tokens',
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse
> = (services) => async (request) => {
  const { claims, user } = await authenticateAccess(services, request['AccessToken']);
  if (!passkeysEnabled()) throw new WebAuthnNotEnabledException();
  if (request['Credential'] === undefined || request['Credential'] === null)
    throw InvalidParameterException.missing('credential');
  const now = services.clock.now();
  const pending = services.registrations.take(user.username, now);
  if (!pending) throw new WebAuthnChallengeNotFoundException();
  if (pending.clientId !== claims.client_id) throw new WebAuthnClientMismatchException();
  const verified = await verifyRegistration(
    localRelyingParty,
    request['Credential'],
    pending.challenge,
  );
  const count = services.passkeys.listFor(user.username).length;
  const added = services.passkeys.add({
    ...verified,
    username: user.username,
    // unconfirmed: the name Cognito gives a passkey; Amplify offers no way to choose one.
    friendlyName: `Passkey ${count + 1}`,
    createdAt: now,
  });
  if (!added)
    throw new WebAuthnCredentialNotSupportedException('This passkey is registered already.');
  return {};
};
