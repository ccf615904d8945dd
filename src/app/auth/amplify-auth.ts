import { Injectable } from '@angular/core';
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  resendSignUpCode,
  resetPassword,
  signIn,
  signUp,
  updatePassword,
  type ConfirmResetPasswordInput,
  type ConfirmSignInInput,
  type ConfirmSignInOutput,
  type ConfirmSignUpInput,
  type ConfirmSignUpOutput,
  type ResendSignUpCodeInput,
  type ResendSignUpCodeOutput,
  type ResetPasswordInput,
  type ResetPasswordOutput,
  type SignInInput,
  type SignInOutput,
  signOut,
  type SignOutInput,
  type SignUpInput,
  type SignUpOutput,
  type UpdatePasswordInput,
} from 'aws-amplify/auth/cognito';
import type { AuthSession, FetchAuthSessionOptions } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
// `aws-amplify/auth` re-exports this function from Amplify's core package; importing it from there
// keeps that barrel out of `main`. package.json pins the same version aws-amplify pins, so there is
// one copy (scripts/dependencies.test.ts fails otherwise).
import { fetchAuthSession } from '@aws-amplify/core';

/** The Amplify Hub auth events this app reacts to. */
export type AuthHubEvent =
  'signedIn' | 'signedOut' | 'tokenRefresh' | 'tokenRefresh_failure' | (string & {});

/**
 * The boundary to Amplify's sign-in flows (`AmplifyMfa` and `AmplifyPasskeys` hold the settings
 * calls of the profile page). Everything else goes through `AuthService`, so unit tests replace
 * this one class with a fake and nothing else of Amplify leaks into specs. The flows come from
 * `aws-amplify/auth/cognito`, not the `aws-amplify/auth` barrel: esbuild puts every file a
 * barrel reachable from `main` re-exports, once any page uses it, into the initial bundle, and
 * only that barrel re-exports the passkey calls (see src/README.md).
 */
@Injectable({ providedIn: 'root' })
export class AmplifyAuth {
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession> {
    return fetchAuthSession(options);
  }

  signOut(input?: SignOutInput): Promise<void> {
    return signOut(input);
  }

  signUp(input: SignUpInput): Promise<SignUpOutput> {
    return signUp(input);
  }

  confirmSignUp(input: ConfirmSignUpInput): Promise<ConfirmSignUpOutput> {
    return confirmSignUp(input);
  }

  resendSignUpCode(input: ResendSignUpCodeInput): Promise<ResendSignUpCodeOutput> {
    return resendSignUpCode(input);
  }

  signIn(input: SignInInput): Promise<SignInOutput> {
    return signIn(input);
  }

  confirmSignIn(input: ConfirmSignInInput): Promise<ConfirmSignInOutput> {
    return confirmSignIn(input);
  }

  /** Signs in the person whose sign-up was just confirmed (Amplify rebinds `autoSignIn` then). */
  autoSignIn(): Promise<SignInOutput> {
    return autoSignIn();
  }

  resetPassword(input: ResetPasswordInput): Promise<ResetPasswordOutput> {
    return resetPassword(input);
  }

  confirmResetPassword(input: ConfirmResetPasswordInput): Promise<void> {
    return confirmResetPassword(input);
  }

  updatePassword(input: UpdatePasswordInput): Promise<void> {
    return updatePassword(input);
  }

  /**
   * Subscribes to Hub's `auth` channel; returns the unsubscribe function. A failed refresh also
   * reports its error's name (Cognito's `__type`, or `NetworkError`).
   */
  listen(onEvent: (event: AuthHubEvent, errorName?: string) => void): () => void {
    return Hub.listen('auth', ({ payload }) =>
      onEvent(
        payload.event,
        payload.event === 'tokenRefresh_failure' ? payload.data.error?.name : undefined,
      ),
    );
  }
}
