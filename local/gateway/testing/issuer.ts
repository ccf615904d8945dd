/**
 * A stand-in token issuer for the gateway's own tests: an RSA key pair, a JWKS served over real
 * HTTP on port 0 (counting fetches, so the refetch rate limit is observable), and helpers that
 * mint Cognito-shaped ID and access tokens — plus the forgeries the authorizers must refuse.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly kid: string;
  readonly clientIds: { readonly spa: string; readonly machine: string };
  jwksFetches(): number;
  /** Signs `claims` (merged over nothing) with the issuer's key unless told otherwise. */
  sign(claims: Record<string, unknown>, options?: { kid?: string; key?: CryptoKey; alg?: string }): Promise<string>;
  /** A Cognito ID token for the SPA client, valid for an hour from `nowSeconds`. */
  idToken(overrides?: Record<string, unknown>, nowSeconds?: number): Promise<string>;
  /** A Cognito access token (client_credentials shape) for the machine client. */
  accessToken(overrides?: Record<string, unknown>, nowSeconds?: number): Promise<string>;
  /** The public key as PEM, for the HS256 key-confusion forgery. */
  publicKeyPem(): Promise<string>;
  /** Publishes one more key in the JWKS (rotation); returns its kid and private key. */
  rotate(kid: string): Promise<CryptoKey>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const keys: JWK[] = [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }];
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/.well-known/jwks.json')) {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/us-east-1_TestPool1`;
  const clientIds = { spa: 'testspaclient0000000000001', machine: 'testmachineclient000000001' };
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  const sign = (claims: Record<string, unknown>, options: { kid?: string; key?: CryptoKey; alg?: string } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? kid }).sign(options.key ?? privateKey);

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    kid,
    clientIds,
    jwksFetches: () => fetches,
    sign,
    idToken: (overrides = {}, now = nowSeconds()) => sign({
      sub: 'a1b2c3d4-0000-4000-8000-000000000001',
      'cognito:username': 'a1b2c3d4-0000-4000-8000-000000000001',
      email: 'ada@example.com',
      email_verified: true,
      'cognito:groups': ['admins', 'writers'],
      aud: clientIds.spa,
      token_use: 'id',
      auth_time: now,
      iss: issuer,
      iat: now,
      exp: now + 3600,
      jti: 'jti-id-1',
      ...overrides,
    }),
    accessToken: (overrides = {}, now = nowSeconds()) => sign({
      sub: clientIds.machine,
      client_id: clientIds.machine,
      token_use: 'access',
      scope: 'notes-api/notes.write',
      auth_time: now,
      iss: issuer,
      iat: now,
      exp: now + 3600,
      jti: 'jti-access-1',
      ...overrides,
    }),
    publicKeyPem: () => exportSPKI(publicKey),
    rotate: async (newKid: string) => {
      const pair = await generateKeyPair('RS256', { extractable: true });
      keys.push({ ...(await exportJWK(pair.publicKey)), kid: newKid, alg: 'RS256', use: 'sig' });
      return pair.privateKey;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`), as a forger would send it. */
export function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${base64url({ ...header, alg: 'none' })}.${base64url(payload)}.`;
}

/** The same token with its payload replaced (signature kept). */
export function tamperedToken(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${base64url(change(claims))}.${signature}`;
}
