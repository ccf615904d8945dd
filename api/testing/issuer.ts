/**
 * A stand-in token issuer for api/ tests until tokens come from the local pool: an RS256 key
 * pair made with jose and its JWKS served at `${issuer}/.well-known/jwks.json` on port 0,
 * minting Cognito-shaped ID and access tokens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const testPoolId = 'us-east-1_TestP00l1';
export const testClientId = 'testspaclient000000000001';

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly kid: string;
  readonly publicJwk: JWK;
  /** How many times the JWKS was downloaded. */
  jwksFetches(): number;
  /** A signed token: Cognito ID-token claims for `sub`, overridden by `claims`; `kid`/`alg` by `header`. */
  token(options?: { sub?: string; claims?: JWTPayload; header?: { kid?: string | undefined; alg?: string }; key?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.url?.endsWith('/.well-known/jwks.json')) {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${testPoolId}`;

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    kid,
    publicJwk,
    jwksFetches: () => fetches,
    token: async ({ sub = '7d3c4a52-1b2e-4f60-9a4b-2c1d0e9f8a7b', claims = {}, header = {}, key = privateKey } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        sub,
        aud: testClientId,
        email_verified: true,
        iss: issuer,
        'cognito:username': sub,
        origin_jti: 'f4c1d9b6-2f1e-4c5a-8d3b-1a2b3c4d5e6f',
        event_id: '0b8d7c6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e',
        token_use: 'id',
        auth_time: now,
        exp: now + 3600,
        iat: now,
        jti: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        email: 'ada@example.com',
        ...claims,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const protectedHeader = { alg: header.alg ?? 'RS256', ...('kid' in header ? (header.kid ? { kid: header.kid } : {}) : { kid }) };
      return new SignJWT(payload).setProtectedHeader(protectedHeader).sign(key);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
