import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { describePasswordPolicy, passwordProblem, userPool } from '../../../api/pool';
import { defaultRuntimeConfig } from '../../../amplify-config';
import { AuthService } from '../auth/auth';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { exactTime } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { OutcomeMessages } from '../core/outcome-messages';
import { Loadable } from '../core/loadable';
import { Skeleton } from '../core/skeleton';
import { type Me, MeApi } from './me-api';
import { Passkeys } from './passkeys';
import { Security } from './security';

/** Claims worth showing, in this order, with a name a person understands. */
const shownClaims = [
  ['email', 'Email'],
  ['email_verified', 'Email verified'],
  ['sub', 'User id (sub)'],
  ['cognito:username', 'Username'],
  ['token_use', 'Token type'],
  ['auth_time', 'Signed in at'],
  ['iat', 'Token issued at'],
  ['exp', 'Token expires at'],
  ['iss', 'Issuer'],
] as const;

/** Seconds since the epoch, as the claims carry them, in the reader's locale. */
const timeClaims: ReadonlySet<string> = new Set(['auth_time', 'iat', 'exp']);
function readableClaim(name: string, value: string): string {
  if (timeClaims.has(name) && /^\d+$/.test(value))
    return exactTime(new Date(Number(value) * 1000).toISOString());
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return value;
}

/** Who the backend thinks you are, your password, two-step sign-in, and signing out. */
@Component({
  selector: 'app-profile',
  imports: [ErrorAlert, OutcomeMessages, Passkeys, Security, Skeleton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Profile</h1>

    <section aria-labelledby="me-title">
      <h2 id="me-title" class="visually-hidden">Your account</h2>
      <p class="greeting" data-testid="greeting">
        @if (email(); as email) {
          Signed in as <strong>{{ email }}</strong>
        } @else {
          Your account
        }
      </p>
      @switch (me.status()) {
        @case ('loading') {
          <p class="visually-hidden" role="status">Asking the API…</p>
          <app-skeleton [shapes]="['line']" />
        }
        @case ('error') {
          <app-error-alert [message]="me.message()!" retryLabel="Try again" (retry)="loadMe()" />
        }
        @default {
          <details class="api-view">
            <summary>What the API sees</summary>
            <p class="hint">
              The API checked your sign-in token and read these claims from it; this is how it knows
              the notes are yours.
            </p>
            <dl class="claims" data-testid="api-claims">
              @for (claim of claims(); track claim.name) {
                <div>
                  <dt>{{ claim.label }}</dt>
                  <dd>{{ claim.value }}</dd>
                </div>
              }
            </dl>
          </details>
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
        <app-outcome-messages
          [error]="passwordError()"
          [notice]="passwordChanged() ? 'Your password has been changed.' : null"
        />
        <button type="submit" [disabled]="changing()" [attr.aria-busy]="changing()">
          {{ changing() ? 'Changing…' : 'Change password' }}
        </button>
      </form>
    </section>

    <app-security />

    @if (offersPasskeys) {
      <app-passkeys />
    }

    <section aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">Sign out</h2>
      <p>
        “Sign out everywhere” also signs out your other devices and browsers: they cannot renew
        their sign-in any more. A page already open elsewhere may keep working for up to an hour,
        until its current sign-in token expires.
      </p>
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
      font-size: var(--text-lg);
      overflow-wrap: anywhere;
    }
    .api-view summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--link);
      min-height: 2.75rem;
      display: flex;
      align-items: center;
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
    form {
      max-width: 24rem;
    }
  `,
})
export class Profile implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly meApi = inject(MeApi);

  /** The pool's sign-in policy (config.json's `firstFactors`) decides whether passkeys exist. */
  protected readonly offersPasskeys = (
    inject(RUNTIME_CONFIG, { optional: true }) ?? defaultRuntimeConfig
  ).firstFactors?.includes('WEB_AUTHN');

  /** From the pool declaration itself, so the hint never disagrees with Cognito. */
  protected readonly passwordHint = describePasswordPolicy(userPool.passwordPolicy);

  protected readonly me = new Loadable<Me>();
  protected readonly email = computed(
    () => this.me.value()?.claims['email'] ?? this.auth.user()?.email ?? '',
  );
  protected readonly claims = computed(() => {
    const claims = this.me.value()?.claims ?? {};
    return shownClaims
      .filter(([name]) => claims[name] !== undefined)
      .map(([name, label]) => ({ name, label, value: readableClaim(name, claims[name]!) }));
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
    await this.me.run(() => this.meApi.get());
  }

  protected async changePassword(event: Event): Promise<void> {
    event.preventDefault();
    this.passwordChanged.set(false);
    const problem =
      !this.currentPassword() || !this.newPassword()
        ? 'Enter your current password and a new one.'
        : this.newPassword() !== this.repeatPassword()
          ? 'The new passwords do not match.'
          : // The pool's whole policy, checked here: Cognito's own answer to a short password is
            // a raw validation message, and it names only the first broken rule.
            passwordProblem(userPool.passwordPolicy, this.newPassword());
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
