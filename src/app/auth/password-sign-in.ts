import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { returnUrlParams, SignInFlow } from './sign-in-flow';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { StepForm } from './step-form';

/** Email and password (SRP, Amplify's default flow), with the ways to an account or a reset. */
@Component({
  selector: 'app-password-sign-in',
  imports: [AuthField, RouterLink, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1" class="visually-hidden">Sign in with your password</h2>
    @if (flow.done(); as done) {
      <p class="flow-done" role="status">{{ done }}</p>
    }
    <app-step-form
      submitLabel="Sign in"
      busyLabel="Signing in…"
      problemId="sign-in-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="submit()"
    >
      <app-auth-field
        kind="email"
        fieldId="sign-in-email"
        label="Email"
        placeholder="you@example.com"
        [(value)]="flow.email"
      />
      <div class="field">
        <label for="sign-in-password">Password</label>
        <input
          #passwordField
          id="sign-in-password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          [value]="password()"
          (input)="password.set(passwordField.value)"
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'sign-in-problem' : null"
        />
      </div>
    </app-step-form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="forgot()">Forgot your password?</button>
    </p>
    <p class="flow-aside">
      New here? <a routerLink="/sign-up" [queryParams]="returnTo">Create an account</a>
    </p>
  `,
})
export class PasswordSignIn {
  protected readonly flow = inject(SignInFlow);
  /** The other form keeps where the person was going. */
  protected readonly returnTo = returnUrlParams(inject(ActivatedRoute));
  protected readonly password = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async submit(): Promise<void> {
    const email = this.flow.email().trim();
    if (!email) return this.problem.set('Please enter your email address.');
    if (!this.password()) return this.problem.set('Please enter your password.');
    await attempt(this.busy, this.problem, () => this.flow.signIn(email, this.password()));
  }

  protected forgot(): void {
    this.flow.done.set(null);
    this.flow.go({ name: 'forgotPassword' });
  }
}
