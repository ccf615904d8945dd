import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ConfirmResetPasswordInput,
  ConfirmSignInInput,
  ConfirmSignInOutput,
  ConfirmSignUpInput,
  ConfirmSignUpOutput,
  ResendSignUpCodeInput,
  ResendSignUpCodeOutput,
  ResetPasswordInput,
  ResetPasswordOutput,
  SignInInput,
  SignInOutput,
  SignUpInput,
  SignUpOutput,
  UpdatePasswordInput,
} from 'aws-amplify/auth';
import { AmplifyAuth, type AuthHubEvent } from './amplify-auth';
import type { AuthOperation } from './auth-errors';

/** What the app knows about the signed-in person, read from the ID token. */
export interface SignedInUser {
  readonly userId: string;
  readonly email: string;
  /** `cognito:groups` of the ID token (empty when in none). */
  readonly groups: readonly string[];
}

/** The group whose members see the Administration area (`groups.admins` in api/pool.ts). */
export const adminGroup = 'admins';

/** `cognito:groups` as Amplify decodes it (an array), or as a single string. */
function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

export type SessionState = 'unknown' | 'signedIn' | 'signedOut';

const sessionEndedNotice = 'Your session has ended. Please sign in again.';

/**
 * Refresh failures after which Amplify deletes the stored tokens: the refresh token itself is dead
 * (Amplify's `TokenOrchestrator.isAuthenticationError`, matched by prefix as it does). After any
 * other failure (offline, throttled, Cognito unavailable) Amplify keeps the tokens so that the next
 * call retries; ending the session then would throw away the page and whatever was being typed.
 */
const deadRefreshTokenErrors = [
  'NotAuthorizedException',
  'TokenRevokedException',
  'UserNotFoundException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
  'RefreshTokenReuseException',
];
const refreshTokenIsDead = (errorName: string | undefined) =>
  errorName === undefined || deadRefreshTokenErrors.some((name) => errorName.startsWith(name));

/**
 * The one implementation of every authentication flow: the sign-in screens, the interceptor, the
 * guards and the profile page all go through here. State is kept in signals; Amplify's Hub keeps
 * it true when tokens change behind our back (refresh, other tabs, autoSignIn).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly amplify = inject(AmplifyAuth);
  private readonly router = inject(Router);
  private readonly currentUser = signal<SignedInUser | null | undefined>(undefined);
  private readonly noticeText = signal<string | null>(null);
  private readonly initialCheck: Promise<void>;
  private ending?: Promise<void>;
  /** The sign-in step Cognito asked for last, so a wrong answer is explained for that step. */
  private pendingStep?: string;
  /** The sign-in under way uses no password (USER_AUTH without one), so messages never ask for it. */
  private withoutPassword = false;

  /** `undefined` until the stored session has been read once. */
  readonly user = this.currentUser.asReadonly();
  readonly state = computed<SessionState>(() => {
    const user = this.currentUser();
    return user === undefined ? 'unknown' : user ? 'signedIn' : 'signedOut';
  });
  readonly isSignedIn = computed(() => this.state() === 'signedIn');
  /**
   * A member of `admins` per the ID token: decides what the app shows; the API decides what is
   * allowed (the admin scope in the access token, and the group again in the handlers).
   */
  readonly isAdmin = computed(() => this.currentUser()?.groups.includes(adminGroup) ?? false);
  /** A message for the sign-in page, e.g. why the person was signed out. */
  readonly notice = this.noticeText.asReadonly();

  constructor() {
    const stopListening = this.amplify.listen(
      (event, errorName) => void this.handleHubEvent(event, errorName),
    );
    inject(DestroyRef).onDestroy(stopListening);
    this.initialCheck = this.refreshUser();
  }

  /** Resolves once the stored session has been read (guards wait for this on a fresh load). */
  async whenReady(): Promise<SessionState> {
    await this.initialCheck;
    return this.state();
  }

  signUp(input: SignUpInput): Promise<SignUpOutput> {
    return this.run('signUp', () => this.amplify.signUp(input));
  }

  confirmSignUp(input: ConfirmSignUpInput): Promise<ConfirmSignUpOutput> {
    return this.run('confirmSignUp', () => this.amplify.confirmSignUp(input));
  }

  resendSignUpCode(input: ResendSignUpCodeInput): Promise<ResendSignUpCodeOutput> {
    return this.run('resendSignUpCode', () => this.amplify.resendSignUpCode(input));
  }

  /**
   * Amplify's default flow (SRP). The output's `nextStep` is returned unchanged so the caller can
   * follow it (confirm sign-up, new password required, reset password); only `DONE` signs in.
   */
  async signIn(input: SignInInput): Promise<SignInOutput> {
    this.withoutPassword = input.options?.authFlowType === 'USER_AUTH' && !input.password;
    const output = await this.run('signIn', () => this.amplify.signIn(input));
    await this.afterSignInStep(output);
    return output;
  }

  /**
   * Answers a sign-in challenge: the new password a temporary password requires, a code from an
   * authenticator app or an email, or the choice between them. Wrong codes are explained for the
   * step being answered.
   */
  async confirmSignIn(input: ConfirmSignInInput): Promise<ConfirmSignInOutput> {
    const operation: AuthOperation =
      this.pendingStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
        ? 'confirmSignInWithTotp'
        : this.pendingStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'
          ? this.withoutPassword
            ? 'confirmSignInWithEmailOtp'
            : 'confirmSignInWithEmail'
          : 'confirmSignIn';
    const output = await this.run(operation, () => this.amplify.confirmSignIn(input));
    await this.afterSignInStep(output);
    return output;
  }

  /**
   * Signs in right after a confirmed sign-up (`COMPLETE_AUTO_SIGN_IN`), without asking for the
   * password again: the sign-up's `autoSignIn` option decided how (SRP, or USER_AUTH with the
   * session ConfirmSignUp returned).
   */
  async autoSignIn(): Promise<SignInOutput> {
    const output = await this.run('signIn', () => this.amplify.autoSignIn());
    await this.afterSignInStep(output);
    return output;
  }

  resetPassword(input: ResetPasswordInput): Promise<ResetPasswordOutput> {
    return this.run('resetPassword', () => this.amplify.resetPassword(input));
  }

  confirmResetPassword(input: ConfirmResetPasswordInput): Promise<void> {
    return this.run('confirmResetPassword', () => this.amplify.confirmResetPassword(input));
  }

  updatePassword(input: UpdatePasswordInput): Promise<void> {
    return this.run('updatePassword', () => this.amplify.updatePassword(input));
  }

  // --- Passkeys (WebAuthn) -----------------------------------------------------------------
  // Signing in with one lives here (it is a sign-in like the others); adding, listing and removing
  // them are the profile page's `AmplifyPasskeys`, so that code stays out of the initial bundle.

  /**
   * Choice-based sign-in (USER_AUTH) asking for the WEB_AUTHN challenge: Amplify passes Cognito's
   * options to `navigator.credentials.get` and answers with the assertion. An account without a
   * passkey gets Cognito's choice of other factors instead, which the caller explains.
   */
  async signInWithPasskey(email: string): Promise<SignInOutput> {
    this.withoutPassword = true;
    const output = await this.run('signInWithPasskey', () =>
      this.amplify.signIn({
        username: email,
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
      }),
    );
    await this.afterSignInStep(output);
    return output;
  }

  // --- end of passkeys ------------------------------------------------------------------------

  // ---- Passwordless sign-up (issue 11): an account with no password, email codes only ----

  /**
   * Creates an account without a password. After `confirmSignUp`, `autoSignIn()` signs the person
   * in through choice-based sign-in (USER_AUTH) with the session ConfirmSignUp returned; from then
   * on they sign in with an emailed code (or a passkey they add).
   */
  signUpWithoutPassword(email: string): Promise<SignUpOutput> {
    return this.signUp({
      username: email,
      options: { userAttributes: { email }, autoSignIn: { authFlowType: 'USER_AUTH' } },
    });
  }

  // ---- end of passwordless sign-up ----

  /**
   * Signs out and goes to the sign-in page. `global` also revokes the refresh tokens of every
   * other device; if Cognito cannot be reached for that, this device is still signed out and the
   * sign-in page says what happened. Never throws: a person must always be able to sign out.
   */
  async signOut(options: { global?: boolean } = {}): Promise<void> {
    try {
      await this.amplify.signOut({ global: options.global ?? false });
      this.noticeText.set(options.global ? 'You are signed out on all your devices.' : null);
    } catch (error) {
      await this.signOutLocally();
      const reason = (await humanize(error, 'signOut')).message;
      this.noticeText.set(
        options.global
          ? `Signed out on this device only; other devices could not be signed out. ${reason}`
          : null,
      );
    }
    this.currentUser.set(null);
    await this.router.navigate(['/sign-in']);
  }

  /**
   * The current ID token (Amplify refreshes it when it has expired), or `null` when nobody is
   * signed in. `forceRefresh` asks Cognito for a new one even if the stored one looks valid.
   */
  async idToken(options: { forceRefresh?: boolean } = {}): Promise<string | null> {
    const session = await this.amplify.fetchAuthSession({
      forceRefresh: options.forceRefresh ?? false,
    });
    return session.tokens?.idToken?.toString() ?? null;
  }

  /**
   * The current access token, for the routes whose JWT authorizer requires a scope (the back
   * office needs `notes-api/admin`, which only access tokens carry).
   */
  async accessToken(options: { forceRefresh?: boolean } = {}): Promise<string | null> {
    const session = await this.amplify.fetchAuthSession({
      forceRefresh: options.forceRefresh ?? false,
    });
    return session.tokens?.accessToken?.toString() ?? null;
  }

  /**
   * Ends a session the backend no longer accepts: signs out on this device and sends the person
   * to sign in, keeping where they were so they come back after signing in.
   */
  async endSession(returnUrl: string = this.router.url): Promise<void> {
    // The interceptor and the Hub's tokenRefresh_failure can both report the same dead session.
    this.ending ??= this.signOutAndAskToSignIn(returnUrl).finally(() => (this.ending = undefined));
    return this.ending;
  }

  private async signOutAndAskToSignIn(returnUrl: string): Promise<void> {
    this.noticeText.set(sessionEndedNotice);
    await this.signOutLocally();
    this.currentUser.set(null);
    // Already on the sign-in page (e.g. a second report): stay, keeping its return URL.
    if (returnUrl.startsWith('/sign-in')) return;
    await this.router.navigate(['/sign-in'], { queryParams: { returnUrl } });
  }

  private async handleHubEvent(event: AuthHubEvent, errorName?: string): Promise<void> {
    switch (event) {
      case 'signedIn':
      case 'tokenRefresh':
        await this.refreshUser();
        break;
      case 'signedOut':
        this.currentUser.set(null);
        break;
      case 'tokenRefresh_failure':
        // The refresh token was revoked or expired: a half-signed-in state helps nobody.
        if (this.currentUser() && refreshTokenIsDead(errorName)) await this.endSession();
        break;
    }
  }

  private async afterSignInStep(output: SignInOutput): Promise<void> {
    this.pendingStep = output.nextStep.signInStep;
    if (output.nextStep.signInStep !== 'DONE') return;
    this.noticeText.set(null);
    await this.refreshUser();
  }

  private async refreshUser(): Promise<void> {
    try {
      const session = await this.amplify.fetchAuthSession();
      const claims = session.tokens?.idToken?.payload;
      const userId = claims?.sub;
      this.currentUser.set(
        userId
          ? {
              userId,
              email: typeof claims['email'] === 'string' ? claims['email'] : '',
              groups: groupsClaim(claims['cognito:groups']),
            }
          : null,
      );
    } catch {
      // Stored tokens that cannot be read or refreshed mean "not signed in", not a crash.
      this.currentUser.set(null);
    }
  }

  private async signOutLocally(): Promise<void> {
    try {
      await this.amplify.signOut({ global: false });
    } catch {
      // Local sign-out only clears storage; nothing useful to report if it fails.
    }
  }

  private async run<T>(operation: AuthOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw await humanize(error, operation);
    }
  }
}

/** The message table is loaded only when something fails (it is not needed to show the app). */
async function humanize(error: unknown, operation: AuthOperation): Promise<Error> {
  const { toAuthFailure } = await import('./auth-errors');
  return toAuthFailure(error, operation);
}
