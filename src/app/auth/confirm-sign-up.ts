import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/** "Check your email": the code that confirms a new account's address, then signed in. */
@Component({
  selector: 'app-confirm-sign-up',
  imports: [AuthField, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Check your email</h2>
    <p>
      We sent a confirmation code to <strong>{{ flow.email() }}</strong>. It may take a minute to
      arrive. No code? Use “Resend Code” below.
    </p>
    <app-step-form
      submitLabel="Confirm"
      secondaryLabel="Resend Code"
      problemId="confirm-sign-up-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="confirm()"
      (secondaryClicked)="resend()"
    >
      <app-auth-field
        kind="code"
        fieldId="confirm-sign-up-code"
        label="Confirmation Code"
        [(value)]="code"
        [problemId]="problem() ? 'confirm-sign-up-problem' : null"
      />
      @if (resent()) {
        <p role="status">We sent a new code. Use the latest email.</p>
      }
    </app-step-form>
    <p class="flow-aside">
      Wrong address?
      <button type="button" class="link" (click)="changeAddress()">Change it</button>
    </p>
  `,
})
export class ConfirmSignUp {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);

  /** The account has no password (it signs in with emailed codes, then may add a passkey). */
  readonly passwordless = input(false);

  protected readonly code = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly resent = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(): Promise<void> {
    const confirmationCode = this.code().trim();
    if (!confirmationCode) return this.problem.set('Please enter the code from the email.');
    this.resent.set(false);
    await attempt(this.busy, this.problem, async () => {
      const output = await this.auth.confirmSignUp({
        username: this.flow.email(),
        confirmationCode,
      });
      await this.flow.afterConfirmedSignUp(
        output.nextStep.signUpStep === 'COMPLETE_AUTO_SIGN_IN',
        this.passwordless(),
      );
    });
  }

  protected async resend(): Promise<void> {
    this.resent.set(false);
    await attempt(this.busy, this.problem, async () => {
      await this.auth.resendSignUpCode({ username: this.flow.email() });
      this.resent.set(true);
    });
  }

  /** Back to the sign-up form (the same kind) with the address as typed, to correct it. */
  protected changeAddress(): void {
    this.flow.go({ name: 'signUp', passwordless: this.passwordless() });
  }
}
