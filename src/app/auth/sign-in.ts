import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  ViewEncapsulation,
} from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { defaultRuntimeConfig } from '../../../amplify-config';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthService } from './auth';
import { ChooseFactorStep } from './choose-factor-step';
import { ConfirmResetPassword } from './confirm-reset-password';
import { ConfirmSignUp } from './confirm-sign-up';
import { EmailCodeSignIn } from './email-code-sign-in';
import { EmailSetupStep } from './email-setup-step';
import { ForgotPassword } from './forgot-password';
import { NewPasswordStep } from './new-password-step';
import { PasskeySignIn } from './passkey-sign-in';
import { PasswordSignIn } from './password-sign-in';
import { safeReturnUrl } from './return-url';
import { SignInCodeStep } from './sign-in-code-step';
import { SignInFlow } from './sign-in-flow';
import { SignUpForm } from './sign-up-form';
import { TotpSetupStep } from './totp-setup-step';

/**
 * Sign in, sign up, confirm, reset and every further step Cognito can ask for: the app's own
 * screens (one component each), all calling `AuthService`, so the app has one implementation of
 * each flow and one set of messages. `SignInFlow` holds which screen is shown.
 */
@Component({
  selector: 'app-sign-in',
  imports: [
    ChooseFactorStep,
    ConfirmResetPassword,
    ConfirmSignUp,
    EmailCodeSignIn,
    EmailSetupStep,
    ForgotPassword,
    NewPasswordStep,
    PasskeySignIn,
    PasswordSignIn,
    SignInCodeStep,
    SignUpForm,
    TotpSetupStep,
  ],
  providers: [SignInFlow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The screens share these rules (the card, links that look like links): one sheet, scoped by
  // the page's element name, rather than a copy in each screen.
  encapsulation: ViewEncapsulation.None,
  template: `
    <h1>{{ creatingAccount() ? 'Create your account' : 'Sign in to your notes' }}</h1>
    @if (auth.notice(); as notice) {
      <p class="sign-in-notice" role="status">{{ notice }}</p>
    }
    <div class="sign-in-card" data-testid="sign-in-flow">
      @let current = flow.screen();
      @switch (current.name) {
        @case ('signIn') {
          <app-password-sign-in />
        }
        @case ('signUp') {
          <app-sign-up-form
            [offersPasswordless]="offersEmailCode"
            [startPasswordless]="current.passwordless ?? false"
          />
        }
        @case ('confirmSignUp') {
          <app-confirm-sign-up [passwordless]="current.passwordless" />
        }
        @case ('forgotPassword') {
          <app-forgot-password />
        }
        @case ('confirmResetPassword') {
          <app-confirm-reset-password />
        }
        @case ('continueSignIn') {
          @let step = current.step;
          @switch (step.signInStep) {
            @case ('CONFIRM_SIGN_IN_WITH_TOTP_CODE') {
              <app-sign-in-code-step [step]="step" />
            }
            @case ('CONFIRM_SIGN_IN_WITH_EMAIL_CODE') {
              <app-sign-in-code-step [step]="step" />
            }
            @case ('CONFIRM_SIGN_IN_WITH_SMS_CODE') {
              <app-sign-in-code-step [step]="step" />
            }
            @case ('CONTINUE_SIGN_IN_WITH_MFA_SELECTION') {
              <app-choose-factor-step [step]="step" />
            }
            @case ('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION') {
              <app-choose-factor-step [step]="step" />
            }
            @case ('CONTINUE_SIGN_IN_WITH_TOTP_SETUP') {
              <app-totp-setup-step [step]="step" />
            }
            @case ('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP') {
              <app-email-setup-step />
            }
            @case ('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
              <app-new-password-step />
            }
            @default {
              <h2 tabindex="-1">This sign-in needs a step this app does not offer</h2>
              <p role="alert">
                Cognito asked for “{{ step.signInStep }}”. Sign in with your password, or ask the
                administrator to check the account.
              </p>
              <p class="flow-aside">
                <button type="button" class="link" (click)="flow.toSignIn()">
                  Back to sign in
                </button>
              </p>
            }
          }
        }
      }
    </div>
    @if (flow.screen().name === 'signIn') {
      @if (offersEmailCode) {
        <app-email-code-sign-in />
      }
      @if (offersPasskey) {
        <app-passkey-sign-in />
      }
    }
  `,
  styles: `
    app-sign-in {
      display: block;
      max-width: 30rem;
      margin: 0 auto;
    }
    .sign-in-notice {
      padding: var(--space-3) var(--space-4);
      border-radius: var(--radius);
      background: var(--warning-bg);
      border: 1px solid var(--warning-border);
    }
    .sign-in-card {
      padding: var(--space-6);
      background: var(--bg-raised);
      border: 1px solid var(--line);
      border-radius: var(--radius-lg);
      overflow-wrap: anywhere;
    }
    .sign-in-card h2:not(.visually-hidden) {
      margin: 0 0 var(--space-3);
    }
    .sign-in-card h2:focus {
      outline: none;
    }
    .sign-in-card form {
      margin-top: var(--space-4);
    }
    .sign-in-card .visually-hidden + app-step-form form {
      margin-top: 0;
    }
    .sign-in-card .wide {
      width: 100%;
    }
    .sign-in-card .field-error {
      color: var(--danger);
    }
    .sign-in-card .flow-done {
      padding: var(--space-3) var(--space-4);
      border-radius: var(--radius);
      background: var(--surface);
      border: 1px solid var(--success);
    }
    .sign-in-card fieldset {
      margin: 0 0 var(--space-4);
      padding: 0;
      border: 0;
    }
    .sign-in-card .choice {
      display: flex;
      gap: var(--space-2);
      align-items: center;
      min-height: 2.75rem;
      font-weight: 400;
    }
    .sign-in-card .choice input {
      width: auto;
    }
    .sign-in-card .qr {
      display: block;
      max-width: 100%;
      height: auto;
      border: 1px solid var(--line);
    }
    .sign-in-card .secret {
      letter-spacing: 0.05em;
    }
    app-sign-in .flow-aside {
      text-align: center;
      margin: var(--space-4) 0 0;
    }
    app-sign-in button.link {
      min-height: 2.75rem;
      padding: 0 var(--space-2);
      border: 0;
      background: none;
      color: var(--link);
      text-decoration: underline;
      font-weight: 400;
    }
    app-sign-in button.link:hover:not(:disabled) {
      background: none;
      color: var(--link);
    }
    @media (max-width: 30rem) {
      .sign-in-card {
        padding: var(--space-4);
      }
    }
  `,
})
export class SignIn {
  protected readonly auth = inject(AuthService);
  protected readonly flow = inject(SignInFlow);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The pool's sign-in policy (config.json's `firstFactors`) decides which extra ways are shown. */
  private readonly firstFactors = (
    inject(RUNTIME_CONFIG, { optional: true }) ?? defaultRuntimeConfig
  ).firstFactors;
  protected readonly offersEmailCode = this.firstFactors?.includes('EMAIL_OTP') ?? false;
  protected readonly offersPasskey = this.firstFactors?.includes('WEB_AUTHN') ?? false;

  protected readonly creatingAccount = computed(() =>
    ['signUp', 'confirmSignUp'].includes(this.flow.screen().name),
  );

  constructor() {
    // /sign-up opens on the sign-up form (route data), /sign-in on the sign-in form.
    if (this.route.snapshot.data['mode'] === 'signUp') this.flow.screen.set({ name: 'signUp' });
    effect(() => {
      if (this.auth.isSignedIn())
        void this.router.navigateByUrl(
          this.flow.afterSignIn() ??
            safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
        );
    });
  }
}
