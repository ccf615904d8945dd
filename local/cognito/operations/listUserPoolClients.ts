/** ListUserPoolClients: the declared clients (id, name), one page. */
import type {
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const listUserPoolClients: OperationFactory<
  'pool',
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  return {
    UserPoolClients: [...services.pool.clients.values()].map((client) => ({
      ClientId: client.id,
      UserPoolId: services.pool.id,
      ClientName: client.declaration.name,
    })),
  };
};
