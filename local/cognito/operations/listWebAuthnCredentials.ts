/** ListWebAuthnCredentials: the signed-in user's passkeys, a page at a time (NextToken). */
import type {
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsTimestamp } from '../../clock.ts';
import { InvalidParameterException } from '../errors.ts';
import { optionalString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

/** MaxResults: 1–20, default 20 (the API reference's range). */
const maxPage = 20;

export const listWebAuthnCredentials: OperationFactory<
  'passkeys' | 'store' | 'tokens',
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const max = request['MaxResults'] ?? maxPage;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > maxPage)
    throw InvalidParameterException.validation(
      'maxResults',
      `Member must have value between 1 and ${maxPage}`,
    );
  const all = services.passkeys.listFor(user.username);
  const next = optionalString(request, 'NextToken');
  // The token is the id of the next credential; an unknown one is a bad token, not page one.
  const start = next === undefined ? 0 : all.findIndex((p) => p.credentialId === next);
  if (start < 0) throw new InvalidParameterException('Invalid NextToken');
  const page = all.slice(start, start + max);
  const following = all[start + max];
  return {
    Credentials: page.map((passkey) => ({
      CredentialId: passkey.credentialId,
      FriendlyCredentialName: passkey.friendlyName,
      RelyingPartyId: passkey.relyingPartyId,
      ...(passkey.authenticatorAttachment
        ? { AuthenticatorAttachment: passkey.authenticatorAttachment }
        : {}),
      AuthenticatorTransports: [...passkey.transports],
      CreatedAt: awsTimestamp(passkey.createdAt),
    })),
    ...(following ? { NextToken: following.credentialId } : {}),
  };
};
