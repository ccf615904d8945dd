import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { SignUpOutput } from 'aws-amplify/auth';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordProblem, returnUrlParams, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/**
 * Create an account: email and password, or (when the pool offers emailed sign-in codes) email
 * only. Either way the address is confirmed with a mailed code on the next screen.
 */
@Component({
  selector: 'app-sign-up-form',
  imports: [AuthField, NewPasswordFields, RouterLink, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (passwordless()) {
      <h2 tabindex="-1">Without a password</h2>
    } @else {
      <h2 tabindex="-1" class="visually-hidden">Create an account</h2>
    }
    <app-step-form
      submitLabel="Create Account"
      busyLabel="Creating your account…"
      [problem]="problem()"
      [busy]="busy()"
      [ready]="ready()"
      (submitted)="submit()"
    >
      <app-auth-field
        kind="email"
        fieldId="sign-up-email"
        label="Email"
        placeholder="you@example.com"
        [(value)]="flow.email"
        [describedBy]="passwordless() ? 'sign-up-passwordless-hint' : null"
      >
        @if (passwordless()) {
          <p id="sign-up-passwordless-hint" class="hint">
            You will sign in with a code we send to this address, and can add a passkey next.
          </p>
        }
      </app-auth-field>
      @if (!passwordless()) {
        <app-new-password-fields id="sign-up" [(password)]="password" [(repeat)]="repeat" />
      }
    </app-step-form>
    @if (offersPasswordless()) {
      <p class="flow-aside">
        <button type="button" class="link" (click)="togglePasswordless()">
          {{ passwordless() ? 'Use a password instead' : 'Create an account without a password' }}
        </button>
      </p>
    }
    <p class="flow-aside">
      Already have an account? <a routerLink="/sign-in" [queryParams]="returnTo">Sign in</a>
    </p>
  `,
})
export class SignUpForm implements OnInit {
  protected readonly flow = inject(SignInFlow);
  /** The other form keeps where the person was going. */
  protected readonly returnTo = returnUrlParams(inject(ActivatedRoute));
  private readonly auth = inject(AuthService);

  /** The pool offers emailed sign-in codes (config.json's `firstFactors`). */
  readonly offersPasswordless = input(false);
  /** Opens on the form without a password (back from "Change it" on its confirmation). */
  readonly startPasswordless = input(false);

  protected readonly passwordless = signal(false);
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly ready = computed(
    () =>
      this.passwordless() ||
      (newPasswordProblem(this.password(), this.repeat()) === null && this.repeat().length > 0),
  );

  constructor() {
    this.flow.focusOnEnter();
  }

  ngOnInit(): void {
    this.passwordless.set(this.offersPasswordless() && this.startPasswordless());
  }

  protected togglePasswordless(): void {
    this.passwordless.update((on) => !on);
    this.problem.set(null);
  }

  protected async submit(): Promise<void> {
    const email = this.flow.email().trim();
    if (!email) return this.problem.set('Please enter your email address.');
    if (!this.ready()) return;
    const passwordless = this.passwordless();
    this.flow.email.set(email);
    await attempt(this.busy, this.problem, async () => {
      const output = passwordless
        ? await this.auth.signUpWithoutPassword(email)
        : await this.auth.signUp({
            username: email,
            password: this.password(),
            options: { userAttributes: { email }, autoSignIn: true },
          });
      await this.next(output, passwordless);
    });
  }

  private async next(output: SignUpOutput, passwordless: boolean): Promise<void> {
    switch (output.nextStep.signUpStep) {
      case 'CONFIRM_SIGN_UP':
        return this.flow.go({ name: 'confirmSignUp', passwordless });
      case 'COMPLETE_AUTO_SIGN_IN':
        // Confirmed already (e.g. by a pre sign-up trigger): straight on to signing in.
        return this.flow.afterConfirmedSignUp(true, passwordless);
      case 'DONE':
        return this.flow.afterConfirmedSignUp(false, passwordless);
    }
  }
}
