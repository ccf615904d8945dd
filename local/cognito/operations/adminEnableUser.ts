/** AdminEnableUser: undoes AdminDisableUser. */
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { setEnabled } from './adminDisableUser.ts';

export const adminEnableUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  setEnabled(services.store, requiredString(request, 'Username'), true, services.clock.now());
  return {};
};
