import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { returnUrlParams, SignInFlow } from './sign-in-flow';
import { attempt } from './attempt';

/** Email and password (SRP, Amplify's default flow), with the ways to an account or a reset. */
@Component({
  selector: 'app-password-sign-in',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1" class="visually-hidden">Sign in with your password</h2>
    @if (flow.done(); as done) {
      <p class="flow-done" role="status">{{ done }}</p>
    }
    <form novalidate (submit)="submit($event)">
      <div class="field">
        <label for="sign-in-email">Email</label>
        <input
          #email
          id="sign-in-email"
          type="email"
          name="email"
          autocomplete="username"
          placeholder="you@example.com"
          required
          [value]="flow.email()"
          (input)="flow.email.set(email.value)"
        />
      </div>
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
      @if (problem(); as message) {
        <p id="sign-in-problem" class="field-error" role="alert">{{ message }}</p>
      }
      <button type="submit" class="wide" [disabled]="busy()" [attr.aria-busy]="busy()">
        {{ busy() ? 'Signing in…' : 'Sign in' }}
      </button>
    </form>
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

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
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
