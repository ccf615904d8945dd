import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { BackToSignIn } from './back-to-sign-in';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordProblem, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/** The mailed reset code and the new password; success returns to sign-in with a confirmation. */
@Component({
  selector: 'app-confirm-reset-password',
  imports: [AuthField, BackToSignIn, NewPasswordFields, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Choose a new password</h2>
    <p>
      If an account exists for <strong>{{ flow.email() }}</strong>, we have emailed it a code. Enter
      the code and your new password.
    </p>
    <app-step-form
      submitLabel="Submit"
      secondaryLabel="Resend Code"
      problemId="reset-problem"
      [problem]="problem()"
      [busy]="busy()"
      [ready]="ready()"
      (submitted)="submit()"
      (secondaryClicked)="resend()"
    >
      <app-auth-field
        kind="code"
        fieldId="reset-code"
        label="Code"
        [(value)]="code"
        [problemId]="problem() ? 'reset-problem' : null"
      />
      <app-new-password-fields
        id="reset"
        label="New Password"
        [(password)]="password"
        [(repeat)]="repeat"
      />
      @if (resent()) {
        <p role="status">We sent a new code. Use the latest email.</p>
      }
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class ConfirmResetPassword {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  protected readonly code = signal('');
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly resent = signal(false);
  protected readonly ready = computed(
    () => newPasswordProblem(this.password(), this.repeat()) === null && this.repeat().length > 0,
  );

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async submit(): Promise<void> {
    const confirmationCode = this.code().trim();
    if (!confirmationCode) return this.problem.set('Please enter the code from the email.');
    if (!this.ready()) return;
    this.resent.set(false);
    await attempt(this.busy, this.problem, async () => {
      await this.auth.confirmResetPassword({
        username: this.flow.email(),
        confirmationCode,
        newPassword: this.password(),
      });
      this.flow.toSignIn();
      this.flow.done.set('Your password has been changed. Sign in with your new password.');
    });
  }

  protected async resend(): Promise<void> {
    this.resent.set(false);
    await attempt(this.busy, this.problem, async () => {
      await this.auth.resetPassword({ username: this.flow.email() });
      this.resent.set(true);
    });
  }
}
