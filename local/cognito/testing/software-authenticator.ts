/**
 * A passkey authenticator in software, for node tests: an EC P-256 key pair per credential,
 * "none" attestation in CBOR, and the client side of the ceremony (client data with type,
 * challenge and origin) — what a browser plus platform authenticator would return, serialized
 * the way Amplify sends it (base64url fields). Knobs let a test forge what a real attacker
 * could: another origin, another RP id, a counter that goes backwards.
 */
import {
  createHash,
  createSign,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string): Buffer => createHash('sha256').update(bytes).digest();

export interface CreationOptions {
  readonly challenge: string;
  readonly rp: { readonly id?: string; readonly name: string };
  readonly user: { readonly id: string; readonly name: string };
  readonly excludeCredentials?: readonly { readonly id: string }[];
}

interface RequestOptions {
  readonly challenge: string;
  readonly rpId?: string;
  readonly allowCredentials?: readonly { readonly id: string }[];
}

export interface CeremonyOverrides {
  /** Origin written into the client data (default: the authenticator's origin). */
  readonly origin?: string;
  /** RP id hashed into the authenticator data (default: the options' RP id). */
  readonly rpId?: string;
  /** Challenge written into the client data (default: the options' challenge). */
  readonly challenge?: string;
  /** Signature counter to report (default: one more than last time). */
  readonly signCount?: number;
  /** User verified flag (default true). */
  readonly userVerified?: boolean;
}

interface Credential {
  readonly id: Buffer;
  readonly privateKey: KeyObject;
  readonly userHandle: string;
  readonly rpId: string;
  signCount: number;
}

export class SoftwareAuthenticator {
  readonly origin: string;
  readonly #credentials: Credential[] = [];

  constructor(origin = 'http://localhost:4200') {
    this.origin = origin;
  }

  /** The registration response for `navigator.credentials.create({publicKey: options})`. */
  create(options: CreationOptions, overrides: CeremonyOverrides = {}): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    if (this.#credentials.some((c) => c.rpId === rpId && excluded.has(b64url(c.id))))
      throw new Error('InvalidStateError: the authenticator already holds an excluded credential');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const credential: Credential = {
      id: randomBytes(32),
      privateKey,
      userHandle: options.user.id,
      rpId,
      signCount: 0,
    };
    const coseKey = isoCBOR.encode(cose);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const authData = Buffer.concat([
      this.#authDataHead(overrides.rpId ?? rpId, overrides, 0x40, overrides.signCount ?? 0),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      credential.id,
      coseKey,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    this.#credentials.push(credential);
    return this.#publicKeyCredential(credential, {
      clientDataJSON: this.#clientData('webauthn.create', options.challenge, overrides),
      attestationObject: b64url(attestationObject),
      transports: ['internal'],
      publicKeyAlgorithm: -7,
      authenticatorData: b64url(authData),
    });
  }

  /** The assertion for `navigator.credentials.get({publicKey: options})`. */
  get(options: RequestOptions, overrides: CeremonyOverrides = {}): Record<string, unknown> {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = this.#credentials.find(
      (c) => c.rpId === rpId && (allowed.size === 0 || allowed.has(b64url(c.id))),
    );
    if (!credential) throw new Error('NotAllowedError: no credential for this relying party');
    credential.signCount = overrides.signCount ?? credential.signCount + 1;
    const authData = this.#authDataHead(overrides.rpId ?? rpId, overrides, 0, credential.signCount);
    const clientDataJSON = this.#clientData('webauthn.get', options.challenge, overrides);
    const signature = createSign('sha256')
      .update(Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]))
      .sign(credential.privateKey);
    return this.#publicKeyCredential(credential, {
      clientDataJSON,
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: credential.userHandle,
    });
  }

  /** A `PublicKeyCredential` as `toJSON()` gives it, around a ceremony's `response`. */
  #publicKeyCredential(
    credential: Credential,
    response: Record<string, unknown>,
  ): Record<string, unknown> {
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response,
    };
  }

  #authDataHead(
    rpId: string,
    overrides: CeremonyOverrides,
    extraFlags: number,
    signCount: number,
  ): Buffer {
    const up = 0x01;
    const uv = overrides.userVerified === false ? 0 : 0x04;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([sha256(rpId), Buffer.from([up | uv | extraFlags]), counter]);
  }

  #clientData(type: string, challenge: string, overrides: CeremonyOverrides): string {
    return b64url(
      Buffer.from(
        JSON.stringify({
          type,
          challenge: overrides.challenge ?? challenge,
          origin: overrides.origin ?? this.origin,
          crossOrigin: false,
        }),
      ),
    );
  }
}
