import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { attempt } from './attempt';
import { AuthService } from './auth';
import { browserSupportsPasskeys } from './passkey-support';

/**
 * "Sign in with a passkey": Cognito's choice-based sign-in (USER_AUTH) with the WEB_AUTHN first
 * factor. Amplify's `signIn` needs the username (it cannot start a discoverable-credential sign-in
 * without one), so the person types their email and the browser then asks for the passkey.
 * Completion goes through `AuthService` like every other sign-in, so the sign-in page navigates
 * on the same `isSignedIn` signal.
 */
@Component({
  selector: 'app-passkey-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!open()) {
      <p class="flow-aside">
        <button type="button" class="link" (click)="open.set(true)">Sign in with a passkey</button>
      </p>
    } @else {
      <section class="passkey" aria-labelledby="passkey-heading">
        <h2 id="passkey-heading">Sign in with a passkey</h2>
        @if (supported) {
          <p id="passkey-hint">
            Enter your email, then confirm with your fingerprint, face, screen lock or security key.
          </p>
          <form novalidate (submit)="signIn($event, email.value)">
            <label for="passkey-email">Email</label>
            <input
              #email
              id="passkey-email"
              name="email"
              type="email"
              required
              autocomplete="username webauthn"
              [attr.aria-invalid]="problem() ? true : null"
              [attr.aria-describedby]="problem() ? 'passkey-hint passkey-problem' : 'passkey-hint'"
            />
            <button type="submit" [disabled]="busy()" [attr.aria-busy]="busy()">
              {{ busy() ? 'Waiting for your passkey…' : 'Use my passkey' }}
            </button>
          </form>
        } @else {
          <p role="status">
            This browser cannot use passkeys. Sign in with your password or an emailed code.
          </p>
        }
        @if (problem(); as message) {
          <p id="passkey-problem" class="problem" role="alert">{{ message }}</p>
        }
        <p class="flow-aside">
          <button type="button" class="link" (click)="close()">Use my password instead</button>
        </p>
      </section>
    }
  `,
  styles: `
    .passkey {
      max-width: 30rem;
      margin: var(--space-4, 1rem) auto 0;
      padding: var(--space-4, 1rem);
      border: 1px solid #c4c4c4;
      border-radius: 0.375rem;
    }
    .passkey h2 {
      font-size: 1.25rem;
      margin: 0 0 0.5rem;
    }
    .passkey form {
      display: grid;
      gap: 0.5rem;
    }
    .passkey input,
    .passkey button[type='submit'] {
      min-height: 2.75rem;
      font: inherit;
    }
    .passkey .problem {
      color: var(--danger, #b00020);
    }
  `,
})
export class PasskeySignIn {
  private readonly auth = inject(AuthService);

  /** Read once: a browser does not gain or lose WebAuthn while the page is open. */
  protected readonly supported = browserSupportsPasskeys();
  protected readonly open = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected async signIn(event: Event, email: string): Promise<void> {
    event.preventDefault();
    const username = email.trim();
    if (!username) return this.problem.set('Please enter your email address.');
    if (this.busy()) return;
    await attempt(this.busy, this.problem, async () => {
      const output = await this.auth.signInWithPasskey(username);
      // Cognito offers its other factors (SELECT_CHALLENGE) when the account has no passkey.
      if (output.nextStep.signInStep !== 'DONE')
        this.problem.set(
          'This account has no passkey yet. Sign in with your password or an emailed code, then add a passkey in your profile.',
        );
    });
  }

  protected close(): void {
    this.open.set(false);
    this.problem.set(null);
  }
}
