import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { attempt } from './attempt';
import { BackToSignIn } from './back-to-sign-in';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordProblem, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/** First sign-in of an account an administrator created: the temporary password is replaced. */
@Component({
  selector: 'app-new-password-step',
  imports: [BackToSignIn, NewPasswordFields, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Choose your own password</h2>
    <p>You signed in with a temporary password. Choose the password you will use from now on.</p>
    <app-step-form
      submitLabel="Change Password"
      [problem]="problem()"
      [busy]="busy()"
      [ready]="ready()"
      (submitted)="submit()"
    >
      <app-new-password-fields
        id="first-password"
        label="New Password"
        [(password)]="password"
        [(repeat)]="repeat"
      />
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class NewPasswordStep {
  protected readonly flow = inject(SignInFlow);
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly ready = computed(
    () => newPasswordProblem(this.password(), this.repeat()) === null && this.repeat().length > 0,
  );

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async submit(): Promise<void> {
    if (!this.ready()) return;
    await attempt(this.busy, this.problem, () => this.flow.answer(this.password()));
  }
}
