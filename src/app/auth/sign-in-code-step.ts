import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { BackToSignIn } from './back-to-sign-in';
import { type ContinueStep, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

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
  imports: [AuthField, BackToSignIn, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">{{ heading() }}</h2>
    @if (destination(); as sentTo) {
      <p>We sent it to {{ sentTo }}. It may take a minute to arrive.</p>
    } @else if (step().signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') {
      <p>Open your authenticator app and enter the 6-digit code it shows for Notes.</p>
    }
    <app-step-form
      submitLabel="Confirm"
      problemId="sign-in-code-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="confirm()"
    >
      <app-auth-field
        kind="code"
        fieldId="sign-in-code"
        label="Code"
        [(value)]="code"
        [problemId]="problem() ? 'sign-in-code-problem' : null"
      />
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class SignInCodeStep {
  protected readonly flow = inject(SignInFlow);
  readonly step = input.required<CodeStep>();
  protected readonly code = signal('');
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

  protected async confirm(): Promise<void> {
    const code = this.code().trim();
    if (!code) return this.problem.set('Please enter the code.');
    await attempt(this.busy, this.problem, () => this.flow.answer(code));
  }
}
