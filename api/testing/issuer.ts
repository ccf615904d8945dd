/**
 * A stand-in token issuer for tests of the API's own authorizer and of the local gateway: an RS256
 * key pair made with jose, its JWKS served over real HTTP at `${issuer}/.well-known/jwks.json` on
 * port 0 (counting fetches, so caching and the refetch rate limit are observable), Cognito-shaped
 * ID and access tokens — plus the forgeries verifiers must refuse.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface SignOptions {
  /** Default: the issuer's own kid; `null` leaves the header without one. */
  readonly kid?: string | null;
  /** Default: the issuer's private key. */
  readonly key?: CryptoKey;
  readonly alg?: string;
}

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly kid: string;
  /** The first published key, as the JWKS serves it. */
  readonly publicJwk: JWK;
  readonly clientIds: { readonly spa: string; readonly machine: string };
  /** How many times the JWKS was downloaded. */
  jwksFetches(): number;
  /** Signs `claims` as they are (undefined members are left out) with the issuer's key unless told otherwise. */
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** The claims of a Cognito ID token for the SPA client, valid for an hour from `nowSeconds`. */
  idClaims(overrides?: Record<string, unknown>, nowSeconds?: number): Record<string, unknown>;
  /** `sign(idClaims(overrides, nowSeconds))`. */
  idToken(overrides?: Record<string, unknown>, nowSeconds?: number): Promise<string>;
  /** A Cognito access token (client_credentials shape) for the machine client. */
  accessToken(overrides?: Record<string, unknown>, nowSeconds?: number): Promise<string>;
  /** The public key as PEM, for the HS256 key-confusion forgery. */
  publicKeyPem(): Promise<string>;
  /** Publishes one more key in the JWKS (rotation); returns its private key. */
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

  const sign = (claims: Record<string, unknown>, options: SignOptions = {}) => {
    const keyId = options.kid === undefined ? kid : options.kid;
    return new SignJWT(claims)
      .setProtectedHeader({
        alg: options.alg ?? 'RS256',
        ...(keyId === null ? {} : { kid: keyId }),
      })
      .sign(options.key ?? privateKey);
  };
  const idClaims = (overrides: Record<string, unknown> = {}, now = nowSeconds()) => ({
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
  });

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    kid,
    publicJwk: keys[0]!,
    clientIds,
    jwksFetches: () => fetches,
    sign,
    idClaims,
    idToken: (overrides, now) => sign(idClaims(overrides, now)),
    accessToken: (overrides = {}, now = nowSeconds()) =>
      sign({
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`), as a forger would send it. */
export function unsignedToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): string {
  return `${base64url({ ...header, alg: 'none' })}.${base64url(payload)}.`;
}

/** The same token with its payload replaced (signature kept). */
export function tamperedToken(
  token: string,
  change: (payload: Record<string, unknown>) => Record<string, unknown>,
): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  return `${header}.${base64url(change(claims))}.${signature}`;
}
