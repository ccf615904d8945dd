import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { BackToSignIn } from './back-to-sign-in';
import { SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/**
 * Two-step sign-in is required and the person chose email codes but has none set up: the address
 * the codes go to (Amplify's CONTINUE_SIGN_IN_WITH_EMAIL_SETUP); a code to it follows.
 */
@Component({
  selector: 'app-email-setup-step',
  imports: [AuthField, BackToSignIn, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Where should we email your sign-in codes?</h2>
    <app-step-form
      submitLabel="Confirm"
      problemId="email-setup-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="confirm()"
    >
      <app-auth-field
        kind="email"
        fieldId="email-setup-address"
        label="Address for sign-in codes"
        autocomplete="email"
        [(value)]="address"
        [problemId]="problem() ? 'email-setup-problem' : null"
      />
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class EmailSetupStep {
  protected readonly flow = inject(SignInFlow);
  /** The sign-in address to begin with; changing it here does not change the username. */
  protected readonly address = signal(this.flow.email());
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(): Promise<void> {
    const address = this.address().trim();
    if (!address) return this.problem.set('Please enter your email address.');
    await attempt(this.busy, this.problem, () => this.flow.answer(address));
  }
}
