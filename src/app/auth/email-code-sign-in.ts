import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { attempt } from './attempt';
import { AuthService } from './auth';

/**
 * "Email me a code instead": Cognito's choice-based sign-in (USER_AUTH) with the EMAIL_OTP first
 * factor, so a person can sign in with no password. Completion goes through `AuthService` like
 * every other sign-in, so the sign-in page navigates on the same `isSignedIn` signal.
 */
@Component({
  selector: 'app-email-code-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!open()) {
      <p class="flow-aside">
        <button type="button" class="link" (click)="open.set(true)">Email me a code instead</button>
      </p>
    } @else {
      <section class="email-code" aria-labelledby="email-code-heading">
        <h2 id="email-code-heading">Sign in with an emailed code</h2>
        @if (sentTo(); as address) {
          <p role="status">
            We sent a sign-in code to <strong>{{ address }}</strong>. It may take a minute to
            arrive.
          </p>
          <form novalidate (submit)="confirm($event, code.value)">
            <label for="email-code-code">Code</label>
            <input
              #code
              id="email-code-code"
              name="code"
              required
              inputmode="numeric"
              autocomplete="one-time-code"
              [attr.aria-invalid]="problem() ? true : null"
              [attr.aria-describedby]="problem() ? 'email-code-problem' : null"
            />
            <button type="submit" [disabled]="busy()">Sign in</button>
          </form>
        } @else {
          <form novalidate (submit)="send($event, email.value)">
            <label for="email-code-email">Email</label>
            <input
              #email
              id="email-code-email"
              name="email"
              type="email"
              required
              autocomplete="username"
              [attr.aria-invalid]="problem() ? true : null"
              [attr.aria-describedby]="problem() ? 'email-code-problem' : null"
            />
            <button type="submit" [disabled]="busy()">Email me a code</button>
          </form>
        }
        @if (problem(); as message) {
          <p id="email-code-problem" class="problem" role="alert">{{ message }}</p>
        }
        <p class="flow-aside">
          <button type="button" class="link" (click)="close()">Use my password instead</button>
        </p>
      </section>
    }
  `,
  styles: `
    .email-code {
      max-width: 30rem;
      margin: var(--space-4, 1rem) auto 0;
      padding: var(--space-4, 1rem);
      border: 1px solid var(--line);
      background: var(--bg-raised);
      border-radius: var(--radius-lg);
    }
    .email-code h2 {
      font-size: 1.25rem;
      margin: 0 0 0.5rem;
    }
    .email-code form {
      display: grid;
      gap: 0.5rem;
    }
    .email-code input,
    .email-code button[type='submit'] {
      min-height: 2.75rem;
      font: inherit;
    }
    .email-code .problem {
      color: var(--danger, #b00020);
    }
  `,
})
export class EmailCodeSignIn {
  private readonly auth = inject(AuthService);

  protected readonly open = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected async send(event: Event, email: string): Promise<void> {
    event.preventDefault();
    const username = email.trim();
    if (!username) return this.problem.set('Please enter your email address.');
    await attempt(this.busy, this.problem, async () => {
      const output = await this.auth.signIn({
        username,
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
      });
      if (output.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE')
        this.sentTo.set(username);
      else if (output.nextStep.signInStep !== 'DONE')
        this.problem.set('This account cannot sign in with an emailed code. Use your password.');
    });
  }

  protected async confirm(event: Event, code: string): Promise<void> {
    event.preventDefault();
    const challengeResponse = code.trim();
    if (!challengeResponse) return this.problem.set('Please enter the code from the email.');
    await attempt(this.busy, this.problem, () => this.auth.confirmSignIn({ challengeResponse }));
  }

  protected close(): void {
    this.open.set(false);
    this.sentTo.set(null);
    this.problem.set(null);
  }
}
