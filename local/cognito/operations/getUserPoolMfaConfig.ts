/** GetUserPoolMfaConfig: the pool's MFA mode and factors (the declaration's until changed). */
import type {
  GetUserPoolMfaConfigRequest,
  GetUserPoolMfaConfigResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolMfaConfig, toMfaConfigResponse } from '../mfa.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const getUserPoolMfaConfig: OperationFactory<
  'pool' | 'store',
  GetUserPoolMfaConfigRequest,
  GetUserPoolMfaConfigResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  return toMfaConfigResponse(poolMfaConfig(services));
};
