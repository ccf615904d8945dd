/** The wire: framing, errors, request ids, CORS, and refusals of bad requests (never a 500). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operations } from './operations/index.ts';
import { maxBodyBytes } from './server.ts';
import { sigV4Headers, spaClientId, suitePool } from './testing/pool.ts';

describe('transport', () => {
  const pool = suitePool();

  const call = (target: string | undefined, body: string, headers: Record<string, string> = {}) =>
    fetch(pool.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        ...(target ? { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` } : {}),
        ...headers,
      },
      body,
    });

  it('answers an operation with x-amz-json-1.1, a request id and CORS headers', async () => {
    const response = await call(
      'ListUserPoolClients',
      JSON.stringify({ UserPoolId: pool.server.poolId }),
      { origin: 'http://localhost:4200', ...sigV4Headers() },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:4200');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-amzn-ErrorType/);
    const body = (await response.json()) as { UserPoolClients: { ClientId: string }[] };
    assert.ok(body.UserPoolClients.some((c) => c.ClientId === spaClientId));
  });

  it('answers errors with 400, {__type, message} and the x-amzn-ErrorType header', async () => {
    const response = await call(
      'SignUp',
      JSON.stringify({
        ClientId: 'no-such-client',
        Username: 'a@example.com',
        Password: 'Passw0rd!',
      }),
    );
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'ResourceNotFoundException:');
    assert.ok(response.headers.get('x-amzn-requestid'));
    assert.deepEqual(await response.json(), {
      __type: 'ResourceNotFoundException',
      message: 'User pool client no-such-client does not exist.',
    });
  });

  it('answers a CORS preflight with the methods and the headers the browser asked for', async () => {
    const response = await fetch(pool.server.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4200',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:4200');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(
      response.headers.get('access-control-allow-headers'),
      'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request',
    );
  });

  it('refuses malformed JSON with SerializationException', async () => {
    const response = await call('SignUp', '{"ClientId": ');
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { __type: string }).__type, 'SerializationException');
  });

  it('refuses a JSON body that is not an object', async () => {
    const response = await call('SignUp', '[1,2]');
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { __type: string }).__type, 'SerializationException');
  });

  it('refuses an unknown operation and a missing target with UnknownOperationException', async () => {
    for (const target of ['DoSomethingElse', undefined]) {
      const response = await call(target, '{}');
      assert.equal(response.status, 400);
      assert.equal(
        ((await response.json()) as { __type: string }).__type,
        'UnknownOperationException',
      );
    }
  });

  it('refuses an oversized body with 413 and a JSON error', async () => {
    const response = await call(
      'SignUp',
      JSON.stringify({ ClientId: spaClientId, Username: 'x'.repeat(maxBodyBytes) }),
    );
    assert.equal(response.status, 413);
    assert.equal(
      ((await response.json()) as { __type: string }).__type,
      'RequestEntityTooLargeException',
    );
  });

  it('answers the 413 while the client is still sending, and the client reads it', async () => {
    let sent = 0;
    let answered = false;
    const chunk = 32 * 1024;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (answered || sent >= maxBodyBytes * 12) return controller.close();
        sent += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const response = await fetch(pool.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    answered = true;
    assert.ok(sent < maxBodyBytes * 8, `answered after ${sent} bytes, not at the end`);
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), {
      __type: 'RequestEntityTooLargeException',
      message: `Request body exceeds ${maxBodyBytes} bytes`,
    });
    // The connection is closed cleanly after the refusal: the next request is answered.
    assert.equal((await fetch(`${pool.server.url}/_mailbox`)).status, 200);
  });

  it('refuses a missing required member with the AWS validation message', async () => {
    // (SignUp without Password is a passwordless sign-up here: the pool allows EMAIL_OTP.)
    const response = await call(
      'ConfirmSignUp',
      JSON.stringify({ ClientId: spaClientId, Username: 'a@example.com' }),
    );
    const body = (await response.json()) as { __type: string; message: string };
    assert.equal(body.__type, 'InvalidParameterException');
    assert.match(body.message, /'confirmationCode'/);
    assert.match(body.message, /Member must not be null/);
  });

  it('accepts explicit nulls as sent by amazon-cognito-identity-js', async () => {
    const response = await call(
      'InitiateAuth',
      JSON.stringify({
        ClientId: spaClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: 'nope', DEVICE_KEY: null },
        ClientMetadata: {},
      }),
    );
    assert.deepEqual(await response.json(), {
      __type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
  });

  it('serves the mailbox, filtered by recipient', async () => {
    for (const to of ['first@example.com', 'second@example.com']) {
      await call(
        'SignUp',
        JSON.stringify({ ClientId: spaClientId, Username: to, Password: 'Passw0rd!x' }),
      );
    }
    const all = (await (await fetch(`${pool.server.url}/_mailbox`)).json()) as {
      to: string;
      code: string;
      subject: string;
      body: string;
      time: string;
    }[];
    assert.deepEqual(
      all.map((m) => m.to),
      ['first@example.com', 'second@example.com'],
    );
    assert.match(all[0]!.code, /^\d{6}$/);
    assert.ok(all[0]!.body.includes(all[0]!.code));
    assert.ok(!Number.isNaN(Date.parse(all[0]!.time)));
    const one = (await (
      await fetch(`${pool.server.url}/_mailbox?to=SECOND@example.com`)
    ).json()) as unknown[];
    assert.equal(one.length, 1);
    assert.ok(
      pool.logs.some((line) => line.includes('first@example.com') && line.includes(all[0]!.code)),
      'each mail is logged on one line',
    );
  });

  it('answers every operation with JSON and never a 5xx for empty and wrongly typed members', async () => {
    const members = [
      'ClientId',
      'Username',
      'Password',
      'ConfirmationCode',
      'AccessToken',
      'RefreshToken',
      'Token',
      'UserPoolId',
      'AuthFlow',
      'AuthParameters',
      'ChallengeName',
      'ChallengeResponses',
      'Session',
      'UserAttributes',
      'PreviousPassword',
      'ProposedPassword',
      'Filter',
      'Limit',
      'AttributeName',
      'Code',
      'TemporaryPassword',
      'Permanent',
      'PaginationToken',
      'SecretHash',
    ];
    const bodies = [
      {},
      Object.fromEntries(members.map((m) => [m, 12345])),
      Object.fromEntries(members.map((m) => [m, ['x']])),
      Object.fromEntries(members.map((m) => [m, { nested: true }])),
      {
        ...Object.fromEntries(members.map((m) => [m, ''])),
        ClientId: spaClientId,
        UserPoolId: pool.server.poolId,
      },
      {
        ClientId: spaClientId,
        UserPoolId: pool.server.poolId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'a@example.com', SRP_A: 'not-hex' },
      },
      {
        ClientId: spaClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: { PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', USERNAME: 'x' },
      },
    ];
    for (const target of Object.keys(operations)) {
      for (const body of bodies) {
        const response = await call(target, JSON.stringify(body), sigV4Headers());
        assert.ok(
          response.status < 500,
          `${target} ${JSON.stringify(body).slice(0, 60)} → ${response.status}`,
        );
        const answer = (await response.json()) as { __type?: string; message?: string };
        if (response.status >= 400)
          assert.ok(answer.__type && answer.message, `${target} names its error`);
      }
    }
    assert.deepEqual(
      pool.logs.filter((line) => line.includes('internal error')),
      [],
    );
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${pool.server.url}/nothing-here`);
    assert.equal(response.status, 404);
    assert.ok(((await response.json()) as { message: string }).message);
  });

  it('is reachable as localhost over both IPv4 and IPv6 loopback', async () => {
    const port = new URL(pool.server.url).port;
    for (const host of ['127.0.0.1', '[::1]']) {
      const response = await fetch(`http://${host}:${port}/_mailbox`);
      assert.equal(response.status, 200);
    }
  });
});
