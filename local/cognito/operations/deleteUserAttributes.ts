/** DeleteUserAttributes: the signed-in user removes some of their attributes (Amplify's deleteUserAttributes). */
import type {
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { deleteAttributes } from '../attribute-changes.ts';
import { checkDeletableAttributes } from '../attributes.ts';
import { stringList } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const deleteUserAttributes: OperationFactory<
  'clock' | 'store' | 'tokens',
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const names = stringList(request, 'UserAttributeNames');
  checkDeletableAttributes(names, false);
  deleteAttributes(services, user.username, names);
  return {};
};
