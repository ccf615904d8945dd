import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordProblem, SignInFlow } from './sign-in-flow';

/** First sign-in of an account an administrator created: the temporary password is replaced. */
@Component({
  selector: 'app-new-password-step',
  imports: [NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Choose your own password</h2>
    <p>You signed in with a temporary password. Choose the password you will use from now on.</p>
    <form novalidate (submit)="submit($event)">
      <app-new-password-fields
        id="first-password"
        label="New Password"
        [(password)]="password"
        [(repeat)]="repeat"
      />
      @if (problem(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <button type="submit" class="wide" [disabled]="!ready() || busy()" [attr.aria-busy]="busy()">
        Change Password
      </button>
    </form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
  `,
})
export class NewPasswordStep {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
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

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.ready()) return;
    await attempt(this.busy, this.problem, async () =>
      this.flow.follow(await this.auth.confirmSignIn({ challengeResponse: this.password() })),
    );
  }
}
