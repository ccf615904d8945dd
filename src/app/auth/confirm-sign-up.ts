import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { SignInFlow } from './sign-in-flow';

/** "Check your email": the code that confirms a new account's address, then signed in. */
@Component({
  selector: 'app-confirm-sign-up',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Check your email</h2>
    <p>
      We sent a confirmation code to <strong>{{ flow.email() }}</strong>. It may take a minute to
      arrive. No code? Use “Resend Code” below.
    </p>
    <form novalidate (submit)="confirm($event, code.value)">
      <div class="field">
        <label for="confirm-sign-up-code">Confirmation Code</label>
        <input
          #code
          id="confirm-sign-up-code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'confirm-sign-up-problem' : null"
        />
      </div>
      @if (problem(); as message) {
        <p id="confirm-sign-up-problem" class="field-error" role="alert">{{ message }}</p>
      }
      @if (resent()) {
        <p role="status">We sent a new code. Use the latest email.</p>
      }
      <div class="actions">
        <button type="submit" [disabled]="busy()" [attr.aria-busy]="busy()">Confirm</button>
        <button type="button" class="secondary" [disabled]="busy()" (click)="resend()">
          Resend Code
        </button>
      </div>
    </form>
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

  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly resent = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(event: Event, code: string): Promise<void> {
    event.preventDefault();
    const confirmationCode = code.trim();
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
