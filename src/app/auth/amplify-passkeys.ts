import { Injectable } from '@angular/core';
import {
  associateWebAuthnCredential,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
  type AuthWebAuthnCredential,
} from 'aws-amplify/auth';

/**
 * Amplify's passkey management calls (StartWebAuthnRegistration with the browser's
 * `navigator.credentials.create` and CompleteWebAuthnRegistration, ListWebAuthnCredentials,
 * DeleteWebAuthnCredential), beside `AmplifyAuth` and `AmplifyMfa`, provided only by the profile
 * route. Signing in with a passkey is `AuthService.signInWithPasskey` (Amplify's `signIn`).
 * Unit tests replace this class with a fake. Only the `aws-amplify/auth` barrel exports these, and
 * nothing reachable from `main` imports that barrel, so they stay in the profile's lazy chunk.
 */
@Injectable()
export class AmplifyPasskeys {
  /** Asks the browser to create a passkey for the signed-in person and registers it. */
  associate(): Promise<void> {
    return associateWebAuthnCredential();
  }

  /** Every passkey of the signed-in person (Cognito pages them; a person has a handful). */
  async list(): Promise<AuthWebAuthnCredential[]> {
    const all: AuthWebAuthnCredential[] = [];
    let nextToken: string | undefined;
    do {
      const page = await listWebAuthnCredentials({ pageSize: 20, nextToken });
      all.push(...page.credentials);
      nextToken = page.nextToken;
    } while (nextToken);
    return all;
  }

  delete(credentialId: string): Promise<void> {
    return deleteWebAuthnCredential({ credentialId });
  }
}
