/** DeleteUser: the signed-in user deletes themselves; their sessions go with them. */
import type { DeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { type EmptyResponse, type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const deleteUser: OperationFactory<'store' | 'tokens', DeleteUserRequest, EmptyResponse> =
  (services) => async (request) => {
    const { user } = await authenticateAccess(services, request['AccessToken']);
    services.store.deleteUser(user.username);
    return {};
  };
