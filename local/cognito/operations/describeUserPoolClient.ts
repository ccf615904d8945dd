/**
 * DescribeUserPoolClient: a client's settings as declared in api/pool.ts, with its secret, so tests
 * and people can read the machine client's secret the Cognito way (AWS SDK, any credentials).
 */
import type {
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsTimestamp } from '../../clock.ts';
import { type LocalClient, type PoolConfig } from '../pool-config.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, resolveClient } from '../client-checks.ts';
import { type OperationFactory, type Wire } from '../services.ts';

export const describeUserPoolClient: OperationFactory<
  'pool',
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  return { UserPoolClient: describeClient(services.pool, client) };
};

function describeClient(pool: PoolConfig, client: LocalClient): Wire<UserPoolClientType> {
  const d = client.declaration;
  return {
    UserPoolId: pool.id,
    ClientName: d.name,
    ClientId: client.id,
    ...(client.secret ? { ClientSecret: client.secret } : {}),
    CreationDate: awsTimestamp(pool.createdAt),
    LastModifiedDate: awsTimestamp(pool.createdAt),
    RefreshTokenValidity: d.tokenValidity.refreshToken,
    AccessTokenValidity: d.tokenValidity.accessToken,
    IdTokenValidity: d.tokenValidity.idToken,
    TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'seconds' },
    ExplicitAuthFlows: [...d.explicitAuthFlows],
    AllowedOAuthFlows: [...d.oauthGrants],
    AllowedOAuthScopes: [...d.oauthScopes],
    AllowedOAuthFlowsUserPoolClient: d.oauthGrants.length > 0,
    PreventUserExistenceErrors: d.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    EnableTokenRevocation: d.enableTokenRevocation,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
  };
}
