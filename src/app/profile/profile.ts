import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { describePasswordPolicy, userPool } from '../../../api/pool';
import { AuthService } from '../auth/auth';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { type Me, MeApi } from './me-api';
import { Security } from './security';

/** Claims worth showing a person, in this order; the rest stay in the API response. */
const shownClaims = [
  'email',
  'email_verified',
  'sub',
  'cognito:username',
  'token_use',
  'auth_time',
  'iss',
] as const;

/** Who the backend thinks you are, your password, two-step sign-in, and signing out. */
@Component({
  selector: 'app-profile',
  imports: [ErrorAlert, Security],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Profile</h1>

    <section aria-labelledby="me-title">
      <h2 id="me-title">What the server sees</h2>
      @switch (meStatus()) {
        @case ('loading') {
          <p class="status" role="status">Asking the server…</p>
        }
        @case ('error') {
          <app-error-alert [message]="meError()!" retryLabel="Try again" (retry)="loadMe()" />
        }
        @default {
          <p class="greeting" data-testid="greeting">{{ me()?.message }}</p>
          <dl class="claims">
            @for (claim of claims(); track claim.name) {
              <div>
                <dt>{{ claim.name }}</dt>
                <dd>{{ claim.value }}</dd>
              </div>
            }
          </dl>
        }
      }
    </section>

    <section aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form (submit)="changePassword($event)" novalidate>
        <div class="field">
          <label for="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autocomplete="current-password"
            #current
            [value]="currentPassword()"
            (input)="currentPassword.set(current.value)"
            [disabled]="changing()"
            required
          />
        </div>
        <div class="field">
          <label for="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autocomplete="new-password"
            #next
            aria-describedby="new-password-hint"
            [value]="newPassword()"
            (input)="newPassword.set(next.value)"
            [disabled]="changing()"
            required
          />
          <p id="new-password-hint" class="hint">{{ passwordHint }}</p>
        </div>
        <div class="field">
          <label for="confirm-password">Repeat new password</label>
          <input
            id="confirm-password"
            type="password"
            autocomplete="new-password"
            #repeat
            [value]="repeatPassword()"
            (input)="repeatPassword.set(repeat.value)"
            [disabled]="changing()"
            required
          />
        </div>
        <div aria-live="polite">
          @if (passwordError(); as message) {
            <p class="field-error" role="alert">{{ message }}</p>
          }
          @if (passwordChanged()) {
            <p class="success" role="status">Your password has been changed.</p>
          }
        </div>
        <button type="submit" [disabled]="changing()" [attr.aria-busy]="changing()">
          {{ changing() ? 'Changing…' : 'Change password' }}
        </button>
      </form>
    </section>

    <app-security />

    <section aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">Sign out</h2>
      <p>Signing out everywhere also ends your sessions on other devices and browsers.</p>
      <div class="actions">
        <button type="button" class="secondary" [disabled]="signingOut()" (click)="signOut(false)">
          Sign out
        </button>
        <button type="button" class="danger" [disabled]="signingOut()" (click)="signOut(true)">
          Sign out everywhere
        </button>
      </div>
    </section>
  `,
  styles: `
    section {
      margin-bottom: 2rem;
    }
    .greeting {
      font-size: 1.1rem;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .claims {
      display: grid;
      gap: 0.25rem;
      margin: 0;
    }
    .claims div {
      display: grid;
      grid-template-columns: minmax(7rem, 12rem) 1fr;
      gap: 0.5rem;
    }
    dt {
      color: var(--muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      font-family: ui-monospace, monospace;
      font-size: 0.9rem;
    }
    .field-error {
      color: var(--danger);
    }
    form {
      max-width: 24rem;
    }
  `,
})
export class Profile implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly meApi = inject(MeApi);

  /** From the pool declaration itself, so the hint never disagrees with Cognito. */
  protected readonly passwordHint = describePasswordPolicy(userPool.passwordPolicy);

  protected readonly meStatus = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly me = signal<Me | null>(null);
  protected readonly meError = signal<string | null>(null);
  protected readonly claims = computed(() => {
    const claims = this.me()?.claims ?? {};
    return shownClaims
      .filter((name) => claims[name] !== undefined)
      .map((name) => ({ name, value: claims[name] }));
  });

  protected readonly currentPassword = signal('');
  protected readonly newPassword = signal('');
  protected readonly repeatPassword = signal('');
  protected readonly changing = signal(false);
  protected readonly passwordError = signal<string | null>(null);
  protected readonly passwordChanged = signal(false);
  protected readonly signingOut = signal(false);

  ngOnInit(): void {
    void this.loadMe();
  }

  protected async loadMe(): Promise<void> {
    this.meStatus.set('loading');
    try {
      this.me.set(await firstValueFrom(this.meApi.get()));
      this.meStatus.set('ready');
    } catch (error) {
      this.meError.set(describeHttpError(error));
      this.meStatus.set('error');
    }
  }

  protected async changePassword(event: Event): Promise<void> {
    event.preventDefault();
    this.passwordChanged.set(false);
    const problem =
      !this.currentPassword() || !this.newPassword()
        ? 'Enter your current password and a new one.'
        : this.newPassword() !== this.repeatPassword()
          ? 'The new passwords do not match.'
          : null;
    this.passwordError.set(problem);
    if (problem || this.changing()) return;
    this.changing.set(true);
    try {
      await this.auth.updatePassword({
        oldPassword: this.currentPassword(),
        newPassword: this.newPassword(),
      });
      this.currentPassword.set('');
      this.newPassword.set('');
      this.repeatPassword.set('');
      // The [value] bindings may still hold '' from before the person typed (no change detected), so
      // emptying the signals alone would leave the passwords on screen.
      (event.target as HTMLFormElement).reset();
      this.passwordChanged.set(true);
    } catch (error) {
      this.passwordError.set(
        error instanceof Error ? error.message : 'Something went wrong. Please try again.',
      );
    } finally {
      this.changing.set(false);
    }
  }

  protected async signOut(global: boolean): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.signOut({ global });
    } finally {
      this.signingOut.set(false);
    }
  }
}
