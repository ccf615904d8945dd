/**
 * Server side of Cognito's SRP-6a variant, as the real clients (aws-amplify v6 and
 * amazon-cognito-identity-js) compute it; see docs/cognito-behaviours.md for every constant.
 * BigInt arithmetic, exponentiation mod N by OpenSSL; only salts and verifiers are ever stored.
 */
import {
  createDiffieHellman,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** RFC 3526 3072-bit MODP group prime, the N both clients use. */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/**
 * Java `BigInteger.toByteArray()` hex: minimal, even length, a `00` byte when the top bit is set.
 * The clients hash this form (not a fixed-width one), so the server must too.
 */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const hashHex = (hex: string): string => sha256(Buffer.from(hex, 'hex')).toString('hex');
const toBigInt = (hex: string): bigint => BigInt(`0x${hex || '0'}`);

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const toBuffer = (value: bigint): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
};

/**
 * base^exponent mod N with OpenSSL's Diffie-Hellman arithmetic (computeSecret is peer^private mod
 * prime), about 20× faster than BigInt: every SRP sign-in needs three of these and a new verifier
 * one. OpenSSL refuses peers outside 2..N-2 (a hostile SRP_A can produce them); BigInt does those.
 */
const group = createDiffieHellman(toBuffer(N), toBuffer(g));
function modPowN(base: bigint, exponent: bigint): bigint {
  try {
    group.setPrivateKey(toBuffer(exponent));
    return toBigInt(group.computeSecret(toBuffer(base)).toString('hex'));
  } catch {
    return modPow(base, exponent, N);
  }
}

/** k = H(PAD(N) || PAD(g)), Cognito's (non-RFC 5054) multiplier. */
export const k = toBigInt(hashHex(padHex(N) + padHex(g)));

function privateKeyX(srpName: string, username: string, password: string, saltHex: string): bigint {
  const inner = sha256(Buffer.from(`${srpName}${username}:${password}`, 'utf8')).toString('hex');
  // The client hashes PAD(int(salt)), not the raw salt bytes (they differ for 00.. and 8x.. salts).
  return toBigInt(hashHex(padHex(toBigInt(saltHex)) + inner));
}

/** Salt and verifier for a new password; the password itself is dropped right after. */
export function createVerifier(
  srpName: string,
  username: string,
  password: string,
  salt = randomBytes(16).toString('hex'),
): { salt: string; verifier: string } {
  const verifier = modPowN(g, privateKeyX(srpName, username, password, salt));
  return { salt, verifier: verifier.toString(16) };
}

/** USER_PASSWORD_AUTH and ChangePassword: recompute the verifier and compare in constant time. */
export function passwordMatches(
  srpName: string,
  username: string,
  password: string,
  stored: { salt: string; verifier: string },
): boolean {
  const candidate = modPowN(g, privateKeyX(srpName, username, password, stored.salt));
  return equalBigInts(candidate, toBigInt(stored.verifier));
}

export interface ServerChallenge {
  readonly A: bigint;
  readonly B: bigint;
  readonly b: bigint;
}

/** InitiateAuth USER_SRP_AUTH: B = k·v + g^b mod N. Returns undefined for an unsafe A (A ≡ 0 mod N). */
export function startChallenge(srpAHex: string, verifierHex: string): ServerChallenge | undefined {
  if (!/^[0-9a-fA-F]{1,2048}$/.test(srpAHex)) return undefined;
  const A = toBigInt(srpAHex);
  if (A % N === 0n) return undefined;
  const v = toBigInt(verifierHex);
  for (;;) {
    // 256 random bits: RFC 5054's minimum for b, and a quarter of the cost of 1024 bits.
    const b = toBigInt(randomBytes(32).toString('hex'));
    const B = (k * v + modPowN(g, b)) % N;
    if (B !== 0n) return { A, B, b };
  }
}

/**
 * The signature the client must have sent in PASSWORD_CLAIM_SIGNATURE:
 * HMAC(HKDF(S, u), srpName || username || secretBlock || timestamp), base64.
 */
export function expectedSignature(params: {
  srpName: string;
  username: string;
  challenge: ServerChallenge;
  verifierHex: string;
  secretBlock: Buffer;
  timestamp: string;
}): Buffer | undefined {
  const { A, B, b } = params.challenge;
  const u = toBigInt(hashHex(padHex(A) + padHex(B)));
  if (u === 0n) return undefined;
  const v = toBigInt(params.verifierHex);
  const S = modPowN((A * modPowN(v, u)) % N, b);
  const key = hkdf16(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
  return createHmac('sha256', key)
    .update(Buffer.from(params.srpName, 'utf8'))
    .update(Buffer.from(params.username, 'utf8'))
    .update(params.secretBlock)
    .update(Buffer.from(params.timestamp, 'utf8'))
    .digest();
}

/** Constant-time check of the client's base64 signature. */
export function signatureMatches(expected: Buffer | undefined, claimedBase64: string): boolean {
  if (!expected) return false;
  const claimed = Buffer.from(claimedBase64, 'base64');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}

/** One-block HKDF-SHA256 with info "Caldera Derived Key" || 0x01, first 16 bytes. */
function hkdf16(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

function equalBigInts(a: bigint, b: bigint): boolean {
  const width = 384; // N is 3072 bits; both values are < N
  const left = Buffer.from(a.toString(16).padStart(width * 2, '0'), 'hex');
  const right = Buffer.from(b.toString(16).padStart(width * 2, '0'), 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Checks the client's TIMESTAMP form "ddd MMM D HH:mm:ss UTC YYYY" (day not zero-padded,
 * weekday consistent), which real Cognito rejects otherwise. Freshness is bounded by the
 * challenge lifetime carried in SECRET_BLOCK, not by this clock, so a test clock cannot break it.
 */
export function isValidTimestamp(timestamp: string): boolean {
  const match = /^(\w{3}) (\w{3}) ([1-9]\d?) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(timestamp);
  if (!match) return false;
  const [, weekday, month, day, hh, mm, ss, year] = match;
  const monthIndex = months.indexOf(month!);
  if (monthIndex < 0) return false;
  const date = new Date(
    Date.UTC(Number(year), monthIndex, Number(day), Number(hh), Number(mm), Number(ss)),
  );
  return (
    date.getUTCDate() === Number(day) &&
    weekdays[date.getUTCDay()] === weekday &&
    Number(hh) < 24 &&
    Number(mm) < 60 &&
    Number(ss) < 60
  );
}
