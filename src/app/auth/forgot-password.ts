import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { SignInFlow } from './sign-in-flow';

/** "Forgot your password?": the address to send a reset code to. */
@Component({
  selector: 'app-forgot-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Reset your password</h2>
    <p>Enter your email address and we will send you a code to choose a new password.</p>
    <form novalidate (submit)="send($event)">
      <div class="field">
        <label for="forgot-email">Email</label>
        <input
          #email
          id="forgot-email"
          type="email"
          name="email"
          autocomplete="username"
          placeholder="you@example.com"
          required
          [value]="flow.email()"
          (input)="flow.email.set(email.value)"
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'forgot-problem' : null"
        />
      </div>
      @if (problem(); as message) {
        <p id="forgot-problem" class="field-error" role="alert">{{ message }}</p>
      }
      <button type="submit" class="wide" [disabled]="busy()" [attr.aria-busy]="busy()">
        Send code
      </button>
    </form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
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

  protected async send(event: Event): Promise<void> {
    event.preventDefault();
    const username = this.flow.email().trim();
    if (!username) return this.problem.set('Please enter your email address.');
    this.flow.email.set(username);
    await attempt(this.busy, this.problem, async () => {
      await this.auth.resetPassword({ username });
      this.flow.go({ name: 'confirmResetPassword' });
    });
  }
}
