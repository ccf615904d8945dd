/**
 * A Lambda TOKEN authorizer for the gateway's tests. The token says what to answer:
 * `allow-<user>` allows exactly the method ARN it was asked about (so the gateway's cache shows
 * AWS's per-token caching), `allow-all-<user>` allows every method, `deny` denies everything,
 * `unauthorized` fails with "Unauthorized", `broken` fails otherwise, `bad-context` returns an
 * object in its context, `no-policy` omits the policy.
 */
interface TokenEvent {
  type: 'TOKEN';
  authorizationToken: string;
  methodArn: string;
}

let calls = 0;
let last: TokenEvent | undefined;

export const invocations = (): number => calls;
export const lastEvent = (): TokenEvent | undefined => last;

const policy = (effect: 'Allow' | 'Deny', resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
});

export const handler = async (event: TokenEvent) => {
  calls += 1;
  last = event;
  const token = event.authorizationToken;
  const apiArn = event.methodArn.split('/')[0]!;
  if (token.startsWith('allow-all-')) {
    return {
      principalId: token.slice('allow-all-'.length),
      policyDocument: policy('Allow', `${apiArn}/*/*`),
      context: { scope: 'all' },
    };
  }
  if (token.startsWith('allow-')) {
    return {
      principalId: token.slice('allow-'.length),
      policyDocument: policy('Allow', event.methodArn),
      context: { user: token.slice('allow-'.length), level: 3, admin: true },
    };
  }
  switch (token) {
    case 'deny':
      return { principalId: 'denied-user', policyDocument: policy('Deny', '*') };
    case 'unauthorized':
      throw new Error('Unauthorized');
    case 'bad-context':
      return {
        principalId: 'x',
        policyDocument: policy('Allow', '*'),
        context: { nested: { a: 1 } },
      };
    case 'no-policy':
      return { principalId: 'x' };
    default:
      throw new Error('authorizer crashed');
  }
};
