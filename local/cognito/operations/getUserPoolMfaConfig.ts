/** GetUserPoolMfaConfig: the pool's MFA mode and factors (the declaration's until changed). */
import { poolMfaConfig, toMfaConfigResponse } from '../mfa.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const getUserPoolMfaConfig: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  return toMfaConfigResponse(poolMfaConfig(services));
};
