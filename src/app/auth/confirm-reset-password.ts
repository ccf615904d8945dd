import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordProblem, SignInFlow } from './sign-in-flow';

/** The mailed reset code and the new password; success returns to sign-in with a confirmation. */
@Component({
  selector: 'app-confirm-reset-password',
  imports: [NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Choose a new password</h2>
    <p>
      If an account exists for <strong>{{ flow.email() }}</strong>, we have emailed it a code. Enter
      the code and your new password.
    </p>
    <form novalidate (submit)="submit($event)">
      <div class="field">
        <label for="reset-code">Code</label>
        <input
          #code
          id="reset-code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          [value]="codeValue()"
          (input)="codeValue.set(code.value)"
        />
      </div>
      <app-new-password-fields
        id="reset"
        label="New Password"
        [(password)]="password"
        [(repeat)]="repeat"
      />
      @if (problem(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      @if (resent()) {
        <p role="status">We sent a new code. Use the latest email.</p>
      }
      <div class="actions">
        <button type="submit" [disabled]="!ready() || busy()" [attr.aria-busy]="busy()">
          Submit
        </button>
        <button type="button" class="secondary" [disabled]="busy()" (click)="resend()">
          Resend Code
        </button>
      </div>
    </form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
  `,
})
export class ConfirmResetPassword {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  protected readonly codeValue = signal('');
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

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const confirmationCode = this.codeValue().trim();
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
