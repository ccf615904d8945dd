import { ElementRef, inject, Injectable, signal } from '@angular/core';
import type { ActivatedRoute, Params } from '@angular/router';
import type { SignInOutput } from 'aws-amplify/auth';
import { passwordProblem, userPool } from '../../../api/pool';
import { AuthService } from './auth';

/** A sign-in step Cognito asked for that needs a screen of its own (not DONE, not sign-up/reset). */
export type ContinueStep = Exclude<
  SignInOutput['nextStep'],
  { signInStep: 'DONE' | 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' }
>;

/** The screen the sign-in page shows. */
export type Screen =
  | { readonly name: 'signIn' }
  | { readonly name: 'signUp'; readonly passwordless?: boolean }
  | { readonly name: 'confirmSignUp'; readonly passwordless: boolean }
  | { readonly name: 'forgotPassword' }
  | { readonly name: 'confirmResetPassword' }
  | { readonly name: 'continueSignIn'; readonly step: ContinueStep };

/** Where a passwordless sign-up lands: the profile, which then offers to add a passkey. */
export const afterPasswordlessSignUp = '/profile?addPasskey=1';

/**
 * The state of one visit to the sign-in page, shared by its screens (provided by `SignIn`): which
 * screen is shown, the address being signed in or up, and what to do once signed in. Every call
 * to Cognito goes through `AuthService`; this only decides which screen answers its result.
 */
@Injectable()
export class SignInFlow {
  private readonly auth = inject(AuthService);

  readonly screen = signal<Screen>({ name: 'signIn' });
  /** The address typed last, carried from screen to screen so nobody types it twice. */
  readonly email = signal('');
  /** A confirmation to show on the sign-in form (e.g. after a password reset). */
  readonly done = signal<string | null>(null);
  /** Where to go once signed in, instead of the return URL (a passwordless sign-up). */
  readonly afterSignIn = signal<string | null>(null);
  /**
   * The password of a sign-in that stopped at "confirm your email", kept in memory only until that
   * confirmation, so the person is signed in without typing it again.
   */
  private pendingPassword: string | null = null;
  private moved = false;

  go(screen: Screen): void {
    this.moved = true;
    this.screen.set(screen);
  }

  toSignIn(): void {
    this.pendingPassword = null;
    this.go({ name: 'signIn' });
  }

  /**
   * Moves focus to a newly shown screen's heading (not on the page's first screen), so keyboard
   * and screen-reader users start at the new step. Called from a screen's constructor; a frame
   * later it has rendered (`afterNextRender` would put Angular's render hooks in the initial
   * bundle, see src/README.md).
   */
  focusOnEnter(): void {
    const host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
    if (this.moved) requestAnimationFrame(() => host.querySelector<HTMLElement>('h2')?.focus());
  }

  /** Email and password sign-in, then whichever screen Cognito's next step needs. */
  async signIn(username: string, password: string): Promise<void> {
    this.done.set(null);
    this.email.set(username);
    const output = await this.auth.signIn({ username, password });
    if (output.nextStep.signInStep === 'CONFIRM_SIGN_UP') this.pendingPassword = password;
    await this.follow(output);
  }

  /** Answers the step shown now (a code, a factor, an address, a new password), then the next. */
  async answer(challengeResponse: string): Promise<void> {
    await this.follow(await this.auth.confirmSignIn({ challengeResponse }));
  }

  /** Shows the screen for a sign-in step (DONE needs none: the page leaves on `isSignedIn`). */
  async follow(output: SignInOutput): Promise<void> {
    const step = output.nextStep;
    switch (step.signInStep) {
      case 'DONE':
        return;
      case 'CONFIRM_SIGN_UP':
        // The first code may be old or lost: a fresh one is sent, as the screen then says.
        await this.auth.resendSignUpCode({ username: this.email() });
        return this.go({ name: 'confirmSignUp', passwordless: false });
      case 'RESET_PASSWORD':
        await this.auth.resetPassword({ username: this.email() });
        return this.go({ name: 'confirmResetPassword' });
      default:
        return this.go({ name: 'continueSignIn', step });
    }
  }

  /** After a confirmed sign-up: signs in with what the person already gave (code, password). */
  async afterConfirmedSignUp(autoSignIn: boolean, passwordless: boolean): Promise<void> {
    if (passwordless) this.afterSignIn.set(afterPasswordlessSignUp);
    const password = this.pendingPassword;
    this.pendingPassword = null;
    if (autoSignIn) return this.follow(await this.auth.autoSignIn());
    if (password) return this.signIn(this.email(), password);
    this.done.set('Your email address is confirmed. Sign in with your password.');
    this.go({ name: 'signIn' });
  }
}

/** The pool's rules for a new password and a repeat that must match; `null` when both are met. */
export function newPasswordProblem(password: string, repeat: string): string | null {
  return (
    passwordProblem(userPool.passwordPolicy, password) ??
    (repeat && repeat !== password ? 'The passwords do not match.' : null)
  );
}

/** The page's `returnUrl` query parameter, for links between /sign-in and /sign-up. */
export function returnUrlParams(route: ActivatedRoute): Params {
  const returnUrl = route.snapshot.queryParamMap.get('returnUrl');
  return returnUrl ? { returnUrl } : {};
}
