/**
 * Where passkeys live: every registered credential in the pool's database (public key, counter,
 * name; table `passkeys`), and the registration ceremonies under way (table
 * `webauthn_registrations`): a challenge StartWebAuthnRegistration issued, good for one
 * CompleteWebAuthnRegistration within the ceremony's timeout, also across a restart of the pool.
 */
import { randomBytes } from 'node:crypto';
import { userPool } from '../../api/pool.ts';
import { type PoolStore } from './store.ts';
import { ceremonyTimeoutMs, type RelyingParty, type StoredPasskey } from './webauthn.ts';

/** The pool's relying party locally (the AWS stack declares its own id, see infra/auth.ts). */
export const localRelyingParty: RelyingParty = {
  id: userPool.passkeys.localRelyingPartyId,
  name: userPool.passkeys.relyingPartyName,
  userVerification: userPool.passkeys.userVerification,
};

export const passkeysEnabled = (): boolean =>
  userPool.signInPolicy.allowedFirstAuthFactors.includes('WEB_AUTHN');

interface PasskeyRow {
  credential_id: string;
  username: string;
  public_key: string;
  sign_count: number;
  transports: string;
  authenticator_attachment: string | null;
  friendly_name: string;
  relying_party_id: string;
  created_at: number;
}

const fromRow = (row: PasskeyRow): StoredPasskey => ({
  credentialId: row.credential_id,
  username: row.username,
  publicKey: row.public_key,
  signCount: row.sign_count,
  transports: JSON.parse(row.transports) as string[],
  authenticatorAttachment: row.authenticator_attachment ?? undefined,
  friendlyName: row.friendly_name,
  relyingPartyId: row.relying_party_id,
  createdAt: row.created_at,
});

/** The `passkeys` table (schema.ts); a user's rows go with the user (ON DELETE CASCADE). */
export class PasskeyRepository {
  readonly #store: PoolStore;

  constructor(store: PoolStore) {
    this.#store = store;
  }

  /** A user's passkeys, oldest first (a user has a handful: the list is not paged in SQL). */
  listFor(username: string): StoredPasskey[] {
    return this.#store
      .all<PasskeyRow>(
        'SELECT * FROM passkeys WHERE username = ? ORDER BY created_at, credential_id',
        username,
      )
      .map(fromRow);
  }

  get(credentialId: string): StoredPasskey | undefined {
    const row = this.#store.get<PasskeyRow>(
      'SELECT * FROM passkeys WHERE credential_id = ?',
      credentialId,
    );
    return row ? fromRow(row) : undefined;
  }

  /** False when the credential id is registered already (to anyone) or the user is gone. */
  add(passkey: StoredPasskey): boolean {
    return this.#store.transaction(() => {
      if (this.get(passkey.credentialId) || !this.#store.getUser(passkey.username)) return false;
      this.#store.run(
        `INSERT INTO passkeys (credential_id, username, public_key, sign_count, transports,
           authenticator_attachment, friendly_name, relying_party_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        passkey.credentialId,
        passkey.username,
        passkey.publicKey,
        passkey.signCount,
        JSON.stringify(passkey.transports),
        passkey.authenticatorAttachment ?? null,
        passkey.friendlyName,
        passkey.relyingPartyId,
        passkey.createdAt,
      );
      return true;
    });
  }

  /**
   * Moves the counter forward, only if it still is where the assertion was checked against:
   * two sign-ins racing with the same counter cannot both pass.
   */
  advanceSignCount(credentialId: string, expected: number, next: number): boolean {
    return (
      this.#store.run(
        'UPDATE passkeys SET sign_count = ? WHERE credential_id = ? AND sign_count = ?',
        next,
        credentialId,
        expected,
      ).changes === 1
    );
  }

  /** False when `username` has no passkey with that id. */
  remove(username: string, credentialId: string): boolean {
    return (
      this.#store.run(
        'DELETE FROM passkeys WHERE credential_id = ? AND username = ?',
        credentialId,
        username,
      ).changes === 1
    );
  }
}

interface PendingRegistration {
  /** base64url, as the browser echoes it in clientDataJSON. */
  readonly challenge: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

interface PendingRegistrationRow {
  challenge: string;
  client_id: string;
  expires_at: number;
}

/**
 * The registration ceremonies under way (table `webauthn_registrations`), one per user: starting
 * another replaces the first. The challenge is random and not a secret (it is sent to the
 * browser), so it is stored as it is; it is taken, once, by the registration response.
 */
export class PendingRegistrations {
  readonly #store: PoolStore;

  constructor(store: PoolStore) {
    this.#store = store;
  }

  start(username: string, clientId: string, now: number): Uint8Array<ArrayBuffer> {
    const challenge = new Uint8Array(randomBytes(32));
    this.#store.transaction(() => {
      this.#store.run(
        `INSERT INTO webauthn_registrations (username, challenge, client_id, expires_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET challenge = excluded.challenge,
           client_id = excluded.client_id, expires_at = excluded.expires_at`,
        username,
        Buffer.from(challenge).toString('base64url'),
        clientId,
        now + ceremonyTimeoutMs,
      );
    });
    return challenge;
  }

  /** The pending challenge, removed in the same statement: a registration response is checked once. */
  take(username: string, now: number): PendingRegistration | undefined {
    const row = this.#store.transaction(() =>
      this.#store.get<PendingRegistrationRow>(
        `DELETE FROM webauthn_registrations WHERE username = ?
         RETURNING challenge, client_id, expires_at`,
        username,
      ),
    );
    if (!row || row.expires_at <= now) return undefined;
    return { challenge: row.challenge, clientId: row.client_id, expiresAt: row.expires_at };
  }
}
