import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../testing/clock.ts';
import { startTestIssuer, tamperedToken, type TestIssuer } from '../../api/testing/issuer.ts';
import { TokenRejected, TokenVerifier } from './token-verifier.ts';

let issuer: TestIssuer;
before(async () => {
  issuer = await startTestIssuer();
});
after(() => issuer.close());

const rejection = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejected) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('TokenVerifier', () => {
  it('keeps at most maxCachedTokens signature checks however many tokens it sees, and still accepts an evicted one', async () => {
    const verifier = new TokenVerifier({
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      clock: new ManualClock(Date.now() + 1000),
      maxCachedTokens: 3,
    });
    const tokens = await Promise.all(
      Array.from({ length: 8 }, (_, i) => issuer.idToken({ sub: `cache-bound-${i}` })),
    );
    for (const token of tokens) {
      await verifier.verify(token);
      assert.ok(verifier.cachedTokens <= 3, `${verifier.cachedTokens} tokens cached`);
    }
    assert.equal(verifier.cachedTokens, 3);
    assert.equal((await verifier.verify(tokens[0]!)).payload.sub, 'cache-bound-0');
    assert.equal(verifier.cachedTokens, 3);
  });

  it('refuses a token once the clock passes its exp, although its signature check is cached', async () => {
    const clock = new ManualClock(Date.now() + 1000);
    const verifier = new TokenVerifier({ issuer: issuer.issuer, jwksUri: issuer.jwksUri, clock });
    const token = await issuer.idToken();
    assert.equal((await verifier.verify(token)).payload['token_use'], 'id');
    clock.advance(30 * 60_000);
    assert.equal((await verifier.verify(token)).payload['token_use'], 'id');
    clock.advance(31 * 60_000);
    assert.equal(await rejection(verifier.verify(token)), 'expired');
  });

  it('still refuses a tampered copy of a token it has accepted', async () => {
    const verifier = new TokenVerifier({
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      clock: new ManualClock(Date.now() + 1000),
    });
    const token = await issuer.idToken();
    await verifier.verify(token);
    assert.equal(
      await rejection(verifier.verify(tamperedToken(token, (c) => ({ ...c, sub: 'mallory' })))),
      'bad-signature',
    );
  });

  it('refuses a token without kid, and answers jwks-unavailable when the JWKS cannot be fetched', async () => {
    const verifier = new TokenVerifier({
      issuer: issuer.issuer,
      jwksUri: 'http://127.0.0.1:9/nothing/jwks.json',
      clock: new ManualClock(),
    });
    assert.equal(await rejection(verifier.verify(await issuer.idToken())), 'jwks-unavailable');
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const noKid = await new SignJWT({ iss: issuer.issuer, exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    assert.equal(await rejection(verifier.verify(noKid)), 'missing-kid');
  });
});
