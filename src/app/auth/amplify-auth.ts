import { Injectable } from '@angular/core';
import {
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
import type * as FlowsModule from './amplify-flows';

/** The Amplify Hub auth events this app reacts to. */
export type AuthHubEvent =
  'signedIn' | 'signedOut' | 'tokenRefresh' | 'tokenRefresh_failure' | (string & {});

type Flows = typeof FlowsModule;

/**
 * The only place that touches `aws-amplify/auth`. Everything else goes through `AuthService`, so
 * unit tests replace this one class with a fake and nothing else of Amplify leaks into specs.
 * Session functions are loaded eagerly; the flows are imported on first use (bundle budget).
 */
@Injectable({ providedIn: 'root' })
export class AmplifyAuth {
  private flowsModule?: Promise<Flows>;

  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession> {
    return fetchAuthSession(options);
  }

  signOut(input?: SignOutInput): Promise<void> {
    return signOut(input);
  }

  async signUp(input: SignUpInput): Promise<SignUpOutput> {
    return (await this.flows()).signUp(input);
  }

  async confirmSignUp(input: ConfirmSignUpInput): Promise<ConfirmSignUpOutput> {
    return (await this.flows()).confirmSignUp(input);
  }

  async resendSignUpCode(input: ResendSignUpCodeInput): Promise<ResendSignUpCodeOutput> {
    return (await this.flows()).resendSignUpCode(input);
  }

  async signIn(input: SignInInput): Promise<SignInOutput> {
    return (await this.flows()).signIn(input);
  }

  async confirmSignIn(input: ConfirmSignInInput): Promise<ConfirmSignInOutput> {
    return (await this.flows()).confirmSignIn(input);
  }

  async resetPassword(input: ResetPasswordInput): Promise<ResetPasswordOutput> {
    return (await this.flows()).resetPassword(input);
  }

  async confirmResetPassword(input: ConfirmResetPasswordInput): Promise<void> {
    return (await this.flows()).confirmResetPassword(input);
  }

  async updatePassword(input: UpdatePasswordInput): Promise<void> {
    return (await this.flows()).updatePassword(input);
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

  private flows(): Promise<Flows> {
    return (this.flowsModule ??= import('./amplify-flows'));
  }
}
