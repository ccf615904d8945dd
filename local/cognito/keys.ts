/**
 * The pool's keys, generated once per data folder and kept in `keys.json` (mode 0600):
 * RSA signing keys (one for ID tokens, one for access tokens, as Cognito uses different keys),
 * and the symmetric keys that protect SRP challenge state and stored codes.
 *
 * Rotation: `rotate()` makes new signing keys current; retired keys stay published in the JWKS
 * until every token they signed has expired, then drop out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { readJsonFile, writeFileAtomic } from './files.ts';
import { type Clock } from '../clock.ts';

export type KeyPurpose = 'id' | 'access';

interface StoredSigningKey {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly privateJwk: JWK;
  readonly createdAt: number;
  retiredAt?: number;
}

interface KeyFile {
  version: 1;
  signing: StoredSigningKey[];
  /** AES-256-GCM key for SECRET_BLOCK and challenge sessions (base64). */
  challengeKey: string;
  /** HMAC key for stored codes and refresh tokens (base64). */
  hashKey: string;
  /** HMAC key for the simulated SRP answers to unknown users (base64). */
  decoyKey: string;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

export interface PublicJwk {
  readonly kid: string;
  readonly alg: 'RS256';
  readonly kty: string;
  readonly e: string;
  readonly n: string;
  readonly use: 'sig';
}

interface LoadedKey {
  readonly stored: StoredSigningKey;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: PublicJwk;
}

export class KeyRing {
  readonly #file: string;
  readonly #clock: Clock;
  /** Longest life of a token signed by these keys (s): a retired key stays published that long. */
  readonly #maxTokenLifetime: number;
  #data: KeyFile;
  #loaded: LoadedKey[];

  private constructor(
    file: string,
    clock: Clock,
    maxTokenLifetime: number,
    data: KeyFile,
    loaded: LoadedKey[],
  ) {
    this.#file = file;
    this.#clock = clock;
    this.#maxTokenLifetime = maxTokenLifetime;
    this.#data = data;
    this.#loaded = loaded;
  }

  static async open(dir: string, clock: Clock, maxTokenLifetime: number): Promise<KeyRing> {
    const file = join(dir, 'keys.json');
    let data = await readJsonFile<KeyFile>(file);
    if (!data) {
      const secret = (): string => randomBytes(32).toString('base64');
      data = {
        version: 1,
        signing: [
          await newSigningKey('id', clock.now()),
          await newSigningKey('access', clock.now()),
        ],
        challengeKey: secret(),
        hashKey: secret(),
        decoyKey: secret(),
      };
      await writeFileAtomic(file, JSON.stringify(data, null, 2));
    }
    const loaded = await Promise.all(data.signing.map(loadKey));
    return new KeyRing(file, clock, maxTokenLifetime, data, loaded);
  }

  get challengeKey(): Buffer {
    return Buffer.from(this.#data.challengeKey, 'base64');
  }
  get hashKey(): Buffer {
    return Buffer.from(this.#data.hashKey, 'base64');
  }
  get decoyKey(): Buffer {
    return Buffer.from(this.#data.decoyKey, 'base64');
  }

  /** The key new tokens of this kind are signed with. */
  current(purpose: KeyPurpose): SigningKey {
    const key = this.#loaded.findLast(
      (k) => k.stored.purpose === purpose && k.stored.retiredAt === undefined,
    );
    if (!key) throw new Error(`no current ${purpose} signing key`);
    return { kid: key.stored.kid, privateKey: key.privateKey };
  }

  /** Public key for a kid that is still published, with its purpose. */
  publicKey(kid: string): { key: CryptoKey; purpose: KeyPurpose } | undefined {
    const key = this.#published().find((k) => k.stored.kid === kid);
    return key && { key: key.publicKey, purpose: key.stored.purpose };
  }

  /** The JWKS document: current keys and retired keys whose tokens may still be alive. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.#published().map((k) => k.publicJwk) };
  }

  /** Makes fresh ID and access signing keys current; returns the new kids. */
  async rotate(): Promise<{ id: string; access: string }> {
    const now = this.#clock.now();
    const fresh = [await newSigningKey('id', now), await newSigningKey('access', now)];
    const signing = [
      ...this.#data.signing
        .filter((k) => !this.#expired(k, now))
        .map((k) => ({ ...k, retiredAt: k.retiredAt ?? now })),
      ...fresh,
    ];
    const data: KeyFile = { ...this.#data, signing };
    await writeFileAtomic(this.#file, JSON.stringify(data, null, 2));
    this.#data = data;
    this.#loaded = await Promise.all(signing.map(loadKey));
    return { id: fresh[0]!.kid, access: fresh[1]!.kid };
  }

  #published(): LoadedKey[] {
    const now = this.#clock.now();
    return this.#loaded.filter((k) => !this.#expired(k.stored, now));
  }

  #expired(key: StoredSigningKey, now: number): boolean {
    return key.retiredAt !== undefined && key.retiredAt + this.#maxTokenLifetime * 1000 <= now;
  }
}

async function newSigningKey(purpose: KeyPurpose, now: number): Promise<StoredSigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  // Cognito kids are 44-character standard base64 (with + / =); derive one from the modulus.
  const kid = createHash('sha256').update(privateJwk.n!).digest('base64');
  return { kid, purpose, privateJwk, createdAt: now };
}

async function loadKey(stored: StoredSigningKey): Promise<LoadedKey> {
  const { kty, n, e } = stored.privateJwk;
  const publicJwk: PublicJwk = {
    alg: 'RS256',
    e: e!,
    kid: stored.kid,
    kty: kty!,
    n: n!,
    use: 'sig',
  };
  const privateKey = (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK({ kty, n, e }, 'RS256')) as CryptoKey;
  return { stored, privateKey, publicKey, publicJwk };
}
