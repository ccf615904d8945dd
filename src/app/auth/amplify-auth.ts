import { Injectable } from '@angular/core';
import {
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
  fetchAuthSession,
  type FetchAuthSessionOptions,
  type AuthSession,
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
} from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';

/** The Amplify Hub auth events this app reacts to. */
export type AuthHubEvent =
  'signedIn' | 'signedOut' | 'tokenRefresh' | 'tokenRefresh_failure' | (string & {});

/**
 * The only place that touches `aws-amplify/auth`. Everything else goes through `AuthService`, so
 * unit tests replace this one class with a fake and nothing else of Amplify leaks into specs.
 * The flows are imported statically: Amplify's auth barrel keeps them in the initial bundle
 * anyway (see src/README.md), so a lazy import only added a round trip and a 0.3 kB chunk.
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
