/** The server SRP maths against the real client's maths (amazon-cognito-identity-js helpers). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createVerifier,
  expectedSignature,
  isValidTimestamp,
  k,
  padHex,
  passwordMatches,
  signatureMatches,
  startChallenge,
} from './srp.ts';
import { AuthenticationHelper, BigInteger, passwordClaimSignature } from './testing/srp-client.ts';

const srpName = 'N0tesL0c4';
const username = '0a1b2c3d-0000-4000-8000-123456789abc';
const password = 'Corr3ct-Horse!';
const timestamp = 'Mon Nov 3 08:05:09 UTC 2026';

/** One full round: the real client's key and signature against the server's expectation. */
async function clientAndServerAgree(salt: string, clientPassword: string): Promise<boolean> {
  const stored = createVerifier(srpName, username, password, salt);
  const helper = new AuthenticationHelper(srpName);
  const A = await new Promise<string>((resolve, reject) =>
    helper.getLargeAValue((e, v) => (e ? reject(e) : resolve(v.toString(16)))),
  );
  const challenge = startChallenge(A, stored.verifier)!;
  const key = await new Promise<Uint8Array>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      username,
      clientPassword,
      new BigInteger(challenge.B.toString(16), 16),
      new BigInteger(stored.salt, 16),
      (e, v) => (e ? reject(e) : resolve(v)),
    ),
  );
  const secretBlock = Buffer.from('opaque secret block');
  const signature = passwordClaimSignature(key, srpName, username, secretBlock, timestamp);
  const expected = expectedSignature({
    srpName,
    username,
    challenge,
    verifierHex: stored.verifier,
    secretBlock,
    timestamp,
  });
  return signatureMatches(expected, signature);
}

describe('SRP', () => {
  it("uses Cognito's multiplier k = H(PAD(N) || PAD(g))", () => {
    assert.equal(
      k.toString(16),
      '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6',
    );
  });

  it('pads like Java BigInteger.toByteArray (minimal, 00 before a high bit)', () => {
    assert.equal(padHex(0x7fn), '7f');
    assert.equal(padHex(0x80n), '0080');
    assert.equal(padHex(0xabcn), '0abc');
  });

  for (const [label, salt] of [
    ['a random salt', '3c9a1b2d4e5f60718293a4b5c6d7e8f9'],
    ['a salt with the high bit set', 'ff9a1b2d4e5f60718293a4b5c6d7e8f9'],
    ['a salt with a leading zero byte', '007f1b2d4e5f60718293a4b5c6d7e8f9'],
  ] as const) {
    it(`agrees with the real client for ${label}`, async () => {
      assert.equal(await clientAndServerAgree(salt, password), true);
    });
  }

  it('does not accept the signature of a wrong password', async () => {
    assert.equal(
      await clientAndServerAgree('3c9a1b2d4e5f60718293a4b5c6d7e8f9', 'Wr0ng-Password!'),
      false,
    );
  });

  it('checks a plain password against the stored verifier (USER_PASSWORD_AUTH)', () => {
    const stored = createVerifier(srpName, username, password);
    assert.equal(passwordMatches(srpName, username, password, stored), true);
    assert.equal(passwordMatches(srpName, username, `${password}x`, stored), false);
    assert.equal(
      passwordMatches(srpName, 'another-user', password, stored),
      false,
      'the verifier is bound to the username',
    );
  });

  it('refuses A ≡ 0 mod N and non-hex A', () => {
    const { verifier } = createVerifier(srpName, username, password);
    assert.equal(startChallenge('0', verifier), undefined);
    assert.equal(startChallenge('zz', verifier), undefined);
  });

  it("accepts only the clients' TIMESTAMP format", () => {
    assert.equal(isValidTimestamp('Mon Nov 2 08:05:09 UTC 2026'), true);
    assert.equal(isValidTimestamp('Mon Nov 02 08:05:09 UTC 2026'), false, 'day is not zero-padded');
    assert.equal(isValidTimestamp('Tue Nov 2 08:05:09 UTC 2026'), false, 'weekday must match');
    assert.equal(isValidTimestamp('2026-11-03T08:05:09Z'), false);
  });
});
