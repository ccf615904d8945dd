import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { SignInFlow } from './sign-in-flow';

/**
 * Two-step sign-in is required and the person chose email codes but has none set up: the address
 * the codes go to (Amplify's CONTINUE_SIGN_IN_WITH_EMAIL_SETUP); a code to it follows.
 */
@Component({
  selector: 'app-email-setup-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Where should we email your sign-in codes?</h2>
    <form novalidate (submit)="confirm($event, address.value)">
      <div class="field">
        <label for="email-setup-address">Address for sign-in codes</label>
        <input
          #address
          id="email-setup-address"
          type="email"
          name="email"
          autocomplete="email"
          required
          [value]="flow.email()"
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'email-setup-problem' : null"
        />
      </div>
      @if (problem(); as message) {
        <p id="email-setup-problem" class="field-error" role="alert">{{ message }}</p>
      }
      <button type="submit" class="wide" [disabled]="busy()" [attr.aria-busy]="busy()">
        Confirm
      </button>
    </form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
  `,
})
export class EmailSetupStep {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(event: Event, address: string): Promise<void> {
    event.preventDefault();
    const challengeResponse = address.trim();
    if (!challengeResponse) return this.problem.set('Please enter your email address.');
    await attempt(this.busy, this.problem, async () =>
      this.flow.follow(await this.auth.confirmSignIn({ challengeResponse })),
    );
  }
}
