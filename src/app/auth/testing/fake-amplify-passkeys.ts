import type { AuthWebAuthnCredential } from 'aws-amplify/auth';

/**
 * Stands in for `AmplifyPasskeys` in unit tests: Cognito's list of the person's passkeys, what
 * the next `associate` adds (or the error it throws, as the browser or Cognito would), and the
 * deletions asked for.
 */
export class FakeAmplifyPasskeys {
  credentials: AuthWebAuthnCredential[] = [];
  associateError: unknown = null;
  deleteError: unknown = null;
  listError: unknown = null;
  readonly deleted: string[] = [];
  /** What the next successful `associate` registers. */
  next: AuthWebAuthnCredential = passkey('new-id', 'Passkey 2', '2026-12-02T01:00:00Z');

  async associate(): Promise<void> {
    await Promise.resolve();
    if (this.associateError) throw this.associateError;
    this.credentials = [...this.credentials, this.next];
  }

  async list(): Promise<AuthWebAuthnCredential[]> {
    await Promise.resolve();
    if (this.listError) throw this.listError;
    return [...this.credentials];
  }

  async delete(credentialId: string): Promise<void> {
    await Promise.resolve();
    this.deleted.push(credentialId);
    if (this.deleteError) throw this.deleteError;
    this.credentials = this.credentials.filter((c) => c.credentialId !== credentialId);
  }
}

/** A credential as Amplify's `listWebAuthnCredentials` returns it. */
export function passkey(
  credentialId: string,
  friendlyCredentialName: string,
  createdAt: string,
  authenticatorAttachment?: string,
): AuthWebAuthnCredential {
  return {
    credentialId,
    friendlyCredentialName,
    relyingPartyId: 'localhost',
    authenticatorTransports: ['internal'],
    createdAt: new Date(createdAt),
    ...(authenticatorAttachment ? { authenticatorAttachment } : {}),
  };
}
