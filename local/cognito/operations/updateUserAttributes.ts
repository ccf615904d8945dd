/**
 * UpdateUserAttributes: writes attributes for the signed-in user. A new email is unverified until
 * VerifyUserAttribute; Cognito sends it a code (the pool auto-verifies email).
 */
import type {
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { writeAttributes } from '../attribute-changes.ts';
import { checkWritableAttributes } from '../attributes.ts';
import { attributeList } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const updateUserAttributes: OperationFactory<
  'clock' | 'codes' | 'mailbox' | 'store' | 'tokens' | 'triggers',
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse
> = (services) => async (request) => {
  const { user, claims } = await authenticateAccess(services, request['AccessToken']);
  const updates = attributeList(request, 'UserAttributes', true);
  checkWritableAttributes(updates, false);
  const delivery = await writeAttributes(services, user, updates, claims.client_id);
  return { CodeDeliveryDetailsList: delivery ? [delivery] : [] };
};
