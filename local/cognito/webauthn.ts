/**
 * The pool as a WebAuthn relying party: the options it hands to `navigator.credentials.create`
 * and `.get`, and the checks on what comes back. @simplewebauthn/server does the cryptography
 * (attestation statement, COSE key, signature, RP id hash, challenge, origin, UP/UV flags,
 * signature counter); this module first reads the client data and authenticator data itself
 * only to answer each refusal with the Cognito error a client expects.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  decodeClientDataJSON,
  isoBase64URL,
  parseAuthenticatorData,
  toHash,
} from '@simplewebauthn/server/helpers';
import { timingSafeEqual } from 'node:crypto';
import {
  InvalidParameterException,
  WebAuthnChallengeNotFoundException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnOriginNotAllowedException,
  WebAuthnRelyingPartyMismatchException,
} from './errors.ts';

export interface RelyingParty {
  readonly id: string;
  readonly name: string;
  readonly userVerification: 'required' | 'preferred';
}

/** A registered passkey as the pool keeps it (public key only; nothing here is secret). */
export interface StoredPasskey {
  /** base64url, as `PublicKeyCredential.id`. */
  readonly credentialId: string;
  readonly username: string;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  signCount: number;
  readonly transports: readonly string[];
  readonly authenticatorAttachment: string | undefined;
  readonly friendlyName: string;
  readonly relyingPartyId: string;
  readonly createdAt: number;
}

/** How long a person has to answer the browser's passkey prompt (ms); also the options' timeout. */
export const ceremonyTimeoutMs = 3 * 60_000;

/** ES256 and RS256: what platform authenticators and security keys create. */
const supportedAlgorithms = [-7, -257];

export async function registrationOptions(
  rp: RelyingParty,
  user: { username: string; email: string },
  existing: readonly StoredPasskey[],
  challenge: Uint8Array<ArrayBuffer>,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.email,
    userID: new TextEncoder().encode(user.username),
    challenge,
    timeout: ceremonyTimeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
    // Discoverable, so a passkey can sign in from the account chooser.
    authenticatorSelection: { residentKey: 'required', userVerification: rp.userVerification },
    supportedAlgorithmIDs: supportedAlgorithms,
  });
}

export async function authenticationOptions(
  rp: RelyingParty,
  passkeys: readonly StoredPasskey[],
  challenge: Uint8Array<ArrayBuffer>,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge,
    timeout: ceremonyTimeoutMs,
    userVerification: rp.userVerification,
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
  });
}

/**
 * Origins a passkey of this relying party may come from, as browsers and Cognito allow them:
 * the RP id itself or a subdomain of it, over https; plain http only for `localhost`.
 */
function isOriginAllowed(rp: RelyingParty, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // no path, userinfo or trailing slash
  const host = url.hostname;
  const sameSite = host === rp.id || host.endsWith(`.${rp.id}`);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && host === 'localhost');
  return sameSite && secure;
}

interface ClientData {
  readonly type: string;
  readonly challenge: string;
  readonly origin: string;
}

function readClientData(clientDataJSON: unknown): ClientData {
  if (typeof clientDataJSON !== 'string')
    throw new InvalidParameterException('Credential response clientDataJSON is missing');
  try {
    const data = decodeClientDataJSON(clientDataJSON) as Partial<ClientData>;
    if (typeof data.challenge !== 'string' || typeof data.origin !== 'string')
      throw new Error('incomplete');
    return { type: String(data.type), challenge: data.challenge, origin: data.origin };
  } catch {
    throw new InvalidParameterException('Credential response clientDataJSON is not valid');
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

async function assertRpIdHash(rp: RelyingParty, rpIdHash: Uint8Array): Promise<void> {
  const expected = await toHash(new TextEncoder().encode(rp.id));
  if (!sameBytes(rpIdHash, expected)) throw new WebAuthnRelyingPartyMismatchException();
}

/**
 * Checks a registration response against the challenge the pool issued. Returns the passkey to
 * store (without its name and owner, which the caller adds).
 */
export async function verifyRegistration(
  rp: RelyingParty,
  credential: unknown,
  expectedChallenge: string,
): Promise<Omit<StoredPasskey, 'username' | 'friendlyName' | 'createdAt'>> {
  const response = asObject(credential, 'Credential') as unknown as RegistrationResponseJSON;
  const clientData = readClientData(response.response?.clientDataJSON);
  if (clientData.type !== 'webauthn.create')
    throw new InvalidParameterException('Credential is not a registration response');
  if (!isOriginAllowed(rp, clientData.origin)) throw new WebAuthnOriginNotAllowedException();
  if (!challengeMatches(clientData.challenge, expectedChallenge))
    throw new WebAuthnChallengeNotFoundException();
  let rpIdHash: Uint8Array;
  try {
    const attestation = decodeAttestationObject(
      isoBase64URL.toBuffer(String(response.response.attestationObject)),
    );
    rpIdHash = parseAuthenticatorData(attestation.get('authData')).rpIdHash;
  } catch {
    throw new InvalidParameterException('Credential attestationObject is not valid');
  }
  await assertRpIdHash(rp, rpIdHash);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rp.id,
      requireUserPresence: true,
      requireUserVerification: rp.userVerification === 'required',
      supportedAlgorithmIDs: supportedAlgorithms,
    });
  } catch (error) {
    // What is left after the checks above: attestation format, key type, algorithm or flags.
    throw new WebAuthnCredentialNotSupportedException(
      `The passkey was refused: ${(error as Error).message}`,
    );
  }
  if (!verified.verified) throw new WebAuthnCredentialNotSupportedException();
  const info = verified.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    signCount: info.credential.counter,
    transports: (response.response.transports ?? []).filter((t) => typeof t === 'string'),
    authenticatorAttachment:
      typeof response.authenticatorAttachment === 'string'
        ? response.authenticatorAttachment
        : undefined,
    relyingPartyId: rp.id,
  };
}

/** Why an assertion was refused; the sign-in answers all of them alike (NotAuthorizedException). */
export class AssertionRefused extends Error {}

/** The credential id an assertion claims to be from, before anything is verified. */
export function assertionCredentialId(credential: unknown): string {
  const response = asObject(credential, 'CREDENTIAL');
  const id = response['id'];
  if (typeof id !== 'string' || id === '')
    throw new InvalidParameterException('CREDENTIAL has no id');
  return id;
}

/**
 * Checks a sign-in assertion from `passkey` against `expectedChallenge`: origin, RP id hash,
 * challenge, signature, user presence (and verification when required) and that the signature
 * counter moved forward. Returns the new counter.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  credential: unknown,
  passkey: StoredPasskey,
  expectedChallenge: string,
): Promise<number> {
  const response = asObject(credential, 'CREDENTIAL') as unknown as AuthenticationResponseJSON;
  const clientData = readClientData(response.response?.clientDataJSON);
  if (!isOriginAllowed(rp, clientData.origin))
    throw new AssertionRefused(`origin ${clientData.origin} is not allowed`);
  if (!challengeMatches(clientData.challenge, expectedChallenge))
    throw new AssertionRefused('challenge does not match');
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rp.id,
      requireUserVerification: rp.userVerification === 'required',
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.signCount,
        transports: passkey.transports as AuthenticatorTransport[],
      },
    });
    if (!result.verified) throw new Error('signature not verified');
    return result.authenticationInfo.newCounter;
  } catch (error) {
    throw new AssertionRefused((error as Error).message);
  }
}

function challengeMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Credentials arrive as JSON documents, or as JSON text (Amplify stringifies CREDENTIAL). */
function asObject(value: unknown, member: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InvalidParameterException(`${member} is not valid JSON`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InvalidParameterException(`${member} must be a JSON object`);
  const record = parsed as Record<string, unknown>;
  if (typeof record['response'] !== 'object' || record['response'] === null)
    throw new InvalidParameterException(`${member} has no response`);
  return record;
}
