import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { BackToSignIn } from './back-to-sign-in';
import { SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/** "Forgot your password?": the address to send a reset code to. */
@Component({
  selector: 'app-forgot-password',
  imports: [AuthField, BackToSignIn, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Reset your password</h2>
    <p>Enter your email address and we will send you a code to choose a new password.</p>
    <app-step-form
      submitLabel="Send code"
      problemId="forgot-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="send()"
    >
      <app-auth-field
        kind="email"
        fieldId="forgot-email"
        label="Email"
        placeholder="you@example.com"
        [(value)]="flow.email"
        [problemId]="problem() ? 'forgot-problem' : null"
      />
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class ForgotPassword {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async send(): Promise<void> {
    const username = this.flow.email().trim();
    if (!username) return this.problem.set('Please enter your email address.');
    this.flow.email.set(username);
    await attempt(this.busy, this.problem, async () => {
      await this.auth.resetPassword({ username });
      this.flow.go({ name: 'confirmResetPassword' });
    });
  }
}
