import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { type ContinueStep, SignInFlow } from './sign-in-flow';

type CodeStep = Extract<
  ContinueStep,
  {
    signInStep:
      | 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
      | 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'
      | 'CONFIRM_SIGN_IN_WITH_SMS_CODE';
  }
>;

/** The second step of a two-step sign-in: a code from the authenticator app, an email or a text. */
@Component({
  selector: 'app-sign-in-code-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">{{ heading() }}</h2>
    @if (destination(); as sentTo) {
      <p>We sent it to {{ sentTo }}. It may take a minute to arrive.</p>
    } @else if (step().signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') {
      <p>Open your authenticator app and enter the 6-digit code it shows for Notes.</p>
    }
    <form novalidate (submit)="confirm($event, code.value)">
      <div class="field">
        <label for="sign-in-code">Code</label>
        <input
          #code
          id="sign-in-code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'sign-in-code-problem' : null"
        />
      </div>
      @if (problem(); as message) {
        <p id="sign-in-code-problem" class="field-error" role="alert">{{ message }}</p>
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
export class SignInCodeStep {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  readonly step = input.required<CodeStep>();
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly heading = computed(() => {
    switch (this.step().signInStep) {
      case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
        return 'Enter the code from your authenticator app';
      case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
        return 'Enter the code we emailed you';
      default:
        return 'Enter the code we texted you';
    }
  });
  /** Cognito's masked address (e.g. a***@e***), the only one it tells a half-signed-in client. */
  protected readonly destination = computed(() => {
    const step = this.step();
    return step.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
      ? undefined
      : step.codeDeliveryDetails?.destination;
  });

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(event: Event, code: string): Promise<void> {
    event.preventDefault();
    const challengeResponse = code.trim();
    if (!challengeResponse) return this.problem.set('Please enter the code.');
    await attempt(this.busy, this.problem, async () =>
      this.flow.follow(await this.auth.confirmSignIn({ challengeResponse })),
    );
  }
}
