/** IAM-authorised operations need a SigV4 signature (any access key), as on AWS. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as cognitoModel from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeUserPoolClientCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { iamAuthorizedOperations } from './iam-auth.ts';
import { operations } from './operations/index.ts';
import { machineClientId, poolClient, poolId, spaClientId, suitePool } from './testing/pool.ts';

describe('IAM-authorised operations (SigV4)', () => {
  const pool = suitePool();

  const call = (operation: string, body: object, headers: Record<string, string> = {}) =>
    fetch(pool.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it('classifies the implemented operations as AWS does: those whose request names the user pool', () => {
    // AWS's rule, read from the SDK's own model of each request (not restated here): an operation
    // that takes a UserPoolId is IAM-authorised (Admin*, ListUsers, groups, pool and client
    // reads); the others are public or authorised by a token or the client.
    const requestMembers = (operation: string): readonly string[] => {
      // A structure schema: [3, namespace, name, traits, member names, member schemas].
      const schema = (cognitoModel as unknown as Record<string, unknown>)[`${operation}Request$`];
      assert.ok(
        Array.isArray(schema) && Array.isArray(schema[4]),
        `no SDK schema for ${operation}`,
      );
      return schema[4] as string[];
    };
    assert.ok(requestMembers('ListUsers').includes('UserPoolId'), 'the SDK schema layout changed');
    assert.ok(requestMembers('SignUp').includes('ClientId'), 'the SDK schema layout changed');
    for (const operation of Object.keys(operations)) {
      const takesPool = requestMembers(operation).includes('UserPoolId');
      assert.equal(iamAuthorizedOperations.has(operation), takesPool, operation);
      if (operation.startsWith('Admin')) assert.ok(takesPool, operation);
    }
  });

  it('refuses each of them unsigned with MissingAuthenticationTokenException', async () => {
    for (const operation of Object.keys(operations).filter((name) =>
      iamAuthorizedOperations.has(name),
    )) {
      const response = await call(operation, {
        UserPoolId: poolId,
        ClientId: machineClientId,
        Username: 'someone@example.com',
        Password: 'Chosen-Passw0rd!',
      });
      assert.equal(response.status, 400, operation);
      assert.equal(
        response.headers.get('x-amzn-errortype'),
        'MissingAuthenticationTokenException:',
      );
      assert.deepEqual(
        await response.json(),
        {
          __type: 'MissingAuthenticationTokenException',
          message: 'Missing Authentication Token',
        },
        operation,
      );
    }
  });

  it('refuses an Authorization header that is not a SigV4 signature for cognito-idp', async () => {
    const date = { 'x-amz-date': '20260101T000000Z' };
    for (const authorization of [
      'Bearer eyJhbGciOi',
      `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/cognito-idp/aws4_request',
    ]) {
      const response = await call(
        'DescribeUserPoolClient',
        { UserPoolId: poolId, ClientId: machineClientId },
        { authorization, ...date },
      );
      assert.equal(response.status, 400);
      const body = (await response.json()) as { __type: string; message: string };
      assert.equal(body.__type, 'IncompleteSignatureException', authorization);
      assert.match(body.message, /Credential.*SignedHeaders.*Signature/);
    }
  });

  it('does not hand the machine secret to an unsigned caller', async () => {
    const response = await call('DescribeUserPoolClient', {
      UserPoolId: poolId,
      ClientId: machineClientId,
    });
    assert.doesNotMatch(await response.text(), /ClientSecret/);
  });

  it('accepts the SDK signing with any access key (the local dummy credentials)', async () => {
    const sdk = poolClient(pool.server.url, {
      credentials: { accessKeyId: 'AKIDANYTHING', secretAccessKey: 'any-secret' },
    });
    try {
      const described = await sdk.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: machineClientId }),
      );
      assert.ok(described.UserPoolClient?.ClientSecret);
      assert.ok(
        Array.isArray((await sdk.send(new ListUsersCommand({ UserPoolId: poolId }))).Users),
      );
    } finally {
      sdk.destroy();
    }
  });

  it('keeps public operations open without credentials', async () => {
    const response = await call('SignUp', {
      ClientId: spaClientId,
      Username: 'unsigned-signup@example.com',
      Password: 'Chosen-Passw0rd!',
    });
    assert.equal(response.status, 200);
  });
});
