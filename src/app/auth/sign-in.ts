import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  type OnInit,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import {
  AmplifyAuthenticatorModule,
  type AuthenticatorComponent,
  AuthenticatorService,
} from '@aws-amplify/ui-angular';
import type {
  ConfirmResetPasswordInput,
  ConfirmSignInInput,
  ConfirmSignUpInput,
  ResendSignUpCodeInput,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
} from 'aws-amplify/auth';
import { passwordProblem, userPool } from '../../../api/pool';
import { defaultRuntimeConfig } from '../../../amplify-config';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { loadStylesheet } from '../core/stylesheet';
import { AuthService } from './auth';
import { useAppWording } from './authenticator-wording';
import { EmailCodeSignIn } from './email-code-sign-in';
import { PasskeySignIn } from './passkey-sign-in';
import { safeReturnUrl } from './return-url';

type Mode = 'signIn' | 'signUp';

/**
 * Set by a successful reset (the Authenticator then shows an empty sign-in form), until the next
 * attempt. Module-wide, not per page: the Authenticator is a singleton that keeps the `services`
 * of the first page that showed it, so they must not write to one page instance's state.
 */
const passwordWasReset = signal(false);

/** Built by angular.json as a non-injected style bundle, so only this lazy page downloads it. */
export const authenticatorThemeHref = 'amplify-theme.css';

/**
 * Sign in, sign up, confirm and reset: Amplify UI's Authenticator, with every call it makes routed
 * through `AuthService` so the app has one implementation of each flow (and one set of messages).
 */
@Component({
  selector: 'app-sign-in',
  imports: [AmplifyAuthenticatorModule, EmailCodeSignIn, PasskeySignIn],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The theme's custom properties live on :root, so the brand overrides must be global too.
  encapsulation: ViewEncapsulation.None,
  template: `
    <h1>{{ mode === 'signUp' ? 'Create your account' : 'Sign in to your notes' }}</h1>
    @if (auth.notice(); as notice) {
      <p class="sign-in-notice" role="status">{{ notice }}</p>
    }
    @if (passwordWasReset()) {
      <p class="sign-in-notice done" role="status">
        Your password has been changed. Sign in with your new password.
      </p>
    }
    @if (themeReady()) {
      <amplify-authenticator [initialState]="mode" [services]="services" [formFields]="formFields">
        <ng-template amplifySlot="confirm-sign-up-header">
          <h2 class="amplify-heading amplify-authenticator__heading sign-in-heading">
            Check your email
          </h2>
          <p class="sign-in-destination">
            We sent a confirmation code to <strong>{{ authenticator.username }}</strong>. It may
            take a minute to arrive. No code? Use “Resend Code” below.
          </p>
        </ng-template>
        <ng-template amplifySlot="confirm-sign-up-footer">
          <p class="sign-in-aside">
            Wrong address?
            <button type="button" class="link" (click)="changeAddress()">Change it</button>
          </p>
        </ng-template>
        <ng-template amplifySlot="confirm-reset-password-header">
          <h2 class="amplify-heading amplify-authenticator__heading sign-in-heading">
            Choose a new password
          </h2>
          <p class="sign-in-destination">
            If an account exists for <strong>{{ authenticator.username }}</strong>, we have emailed
            it a code. Enter the code and your new password.
          </p>
        </ng-template>
        <ng-template amplifySlot="confirm-reset-password-footer">
          <p class="sign-in-aside">
            <button type="button" class="link" (click)="authenticator.toSignIn()">
              Back to sign in
            </button>
          </p>
        </ng-template>
      </amplify-authenticator>
      @if (mode === 'signIn' && offersEmailCode) {
        <app-email-code-sign-in />
      }
      @if (mode === 'signIn' && offersPasskey) {
        <app-passkey-sign-in />
      }
    } @else {
      <p class="status" role="status">Loading…</p>
    }
  `,
  styles: `
    html:root {
      --amplify-colors-primary-10: #e8f0f8;
      --amplify-colors-primary-20: #c9dcee;
      --amplify-colors-primary-40: #8fb5da;
      --amplify-colors-primary-60: #4a7fb3;
      --amplify-colors-primary-80: #1f4e79;
      --amplify-colors-primary-90: #173b5c;
      --amplify-colors-primary-100: #102a42;
      --amplify-fonts-default-static: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      --amplify-fonts-default-variable: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      --amplify-components-authenticator-router-box-shadow: none;
      --amplify-components-authenticator-router-border-color: #c4c4c4;
      --amplify-components-authenticator-container-width-max: 100%;
    }
    app-sign-in {
      display: block;
    }
    app-sign-in h1,
    .sign-in-notice {
      max-width: 30rem;
      margin-left: auto;
      margin-right: auto;
    }
    app-sign-in [data-amplify-authenticator] {
      display: block;
    }
    app-sign-in [data-amplify-container] {
      max-width: 30rem;
      margin: 0 auto;
    }
    .sign-in-notice {
      box-sizing: border-box;
      padding: 0.75rem 1rem;
      border-radius: 0.375rem;
      background: #fff4d6;
      border: 1px solid #b88700;
    }
    .sign-in-heading {
      font-size: 1.5rem;
      margin: 0;
    }
    .sign-in-destination {
      margin: 0;
    }
    .sign-in-notice.done {
      background: var(--surface);
      border-color: var(--success);
    }
    .sign-in-aside {
      text-align: center;
      margin: var(--space-4) 0 0;
    }
    .sign-in-aside button.link {
      min-height: 2.75rem;
      padding: 0 var(--space-2);
      border: 0;
      background: none;
      color: var(--link);
      text-decoration: underline;
      font-weight: 400;
    }
    /* Our header already names the full address; Amplify's masked repeat of it is dropped. */
    [data-amplify-authenticator-confirmsignup] .amplify-authenticator__subtitle {
      display: none;
    }
  `,
})
export class SignIn implements OnInit {
  protected readonly auth = inject(AuthService);
  protected readonly authenticator = inject(AuthenticatorService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** From the route's data: which tab to open. */
  protected readonly mode: Mode =
    this.route.snapshot.data['mode'] === 'signUp' ? 'signUp' : 'signIn';

  /** The pool's sign-in policy (config.json's `firstFactors`) decides which extra ways are shown. */
  private readonly firstFactors = (
    inject(RUNTIME_CONFIG, { optional: true }) ?? defaultRuntimeConfig
  ).firstFactors;
  protected readonly offersEmailCode = this.firstFactors?.includes('EMAIL_OTP');
  protected readonly offersPasskey = this.firstFactors?.includes('WEB_AUTHN');

  protected readonly themeReady = signal(false);
  protected readonly passwordWasReset = passwordWasReset;

  // Amplify types its functions with an extra server-context overload the Authenticator never uses;
  // ours take the same single input and return the same outputs.
  protected readonly services = {
    handleSignIn: (input: SignInInput) => {
      passwordWasReset.set(false);
      return this.auth.signIn(input);
    },
    handleConfirmSignIn: (input: ConfirmSignInInput) => this.auth.confirmSignIn(input),
    handleSignUp: (input: SignUpInput) => this.auth.signUp(input),
    handleConfirmSignUp: (input: ConfirmSignUpInput) => this.auth.confirmSignUp(input),
    handleResendSignUpCode: (input: ResendSignUpCodeInput) => this.auth.resendSignUpCode(input),
    handleForgotPassword: (input: ResetPasswordInput) => {
      passwordWasReset.set(false);
      return this.auth.resetPassword(input);
    },
    handleForgotPasswordSubmit: async (input: ConfirmResetPasswordInput) => {
      await this.auth.confirmResetPassword(input);
      passwordWasReset.set(true);
    },
    // Every rule of the pool's policy (not only its length), checked as the person types, so Cognito
    // is called only with a password it accepts and each missing rule is listed once.
    validateFormPassword: (
      formData: { password?: string },
      touched: { password?: boolean },
    ): Promise<{ password: string[] } | null> => {
      const problem = touched.password
        ? passwordProblem(userPool.passwordPolicy, formData.password ?? '')
        : null;
      return Promise.resolve(problem ? { password: [problem] } : null);
    },
  } as unknown as AuthenticatorComponent['services'];

  protected readonly formFields = {
    signIn: { username: { label: 'Email', placeholder: 'you@example.com', isRequired: true } },
    signUp: {
      email: { label: 'Email', placeholder: 'you@example.com', isRequired: true, order: 1 },
    },
    forgotPassword: {
      username: { label: 'Email', placeholder: 'you@example.com', isRequired: true },
    },
    confirmSignIn: {
      confirmation_code: { label: 'Code', placeholder: 'Enter the code', isRequired: true },
    },
    setupTotp: {
      QR: { totpIssuer: 'Notes' },
      confirmation_code: { label: 'Code from the app', placeholder: '123456', isRequired: true },
    },
  };

  constructor() {
    useAppWording();
    // Phones show a number pad for the 6-digit codes; Amplify's fields take no inputmode option.
    const host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
    const codeFields = new MutationObserver(() => {
      for (const field of host.querySelectorAll<HTMLInputElement>(
        'input[name="confirmation_code"]:not([inputmode])',
      )) {
        field.inputMode = 'numeric';
        field.autocomplete = 'one-time-code';
      }
    });
    codeFields.observe(host, { childList: true, subtree: true });
    inject(DestroyRef).onDestroy(() => codeFields.disconnect());
    effect(() => {
      if (this.auth.isSignedIn())
        void this.router.navigateByUrl(
          safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
        );
    });
  }

  async ngOnInit(): Promise<void> {
    await loadStylesheet(authenticatorThemeHref);
    this.themeReady.set(true);
    this.openRequestedTab();
  }

  /** From "Check your email" back to the sign-up form (the machine goes there via sign-in). */
  protected changeAddress(): void {
    this.authenticator.toSignIn();
    this.authenticator.toSignUp();
  }

  /** The Authenticator is a singleton: on a second visit its `initialState` is ignored. */
  private openRequestedTab(): void {
    const route = this.authenticator.route;
    if (this.mode === 'signUp' && route === 'signIn') this.authenticator.toSignUp();
    if (this.mode === 'signIn' && route === 'signUp') this.authenticator.toSignIn();
  }
}
