import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import type { FetchMFAPreferenceOutput, UpdateMFAPreferenceInput } from 'aws-amplify/auth';
import { type AppMfaFactor, offeredMfaFactors, userPool } from '../../../api/pool';
import { AmplifyMfa } from '../auth/amplify-mfa';
import { toAuthFailure, type AuthOperation } from '../auth/auth-errors';
import { AuthService } from '../auth/auth';
import { ErrorAlert } from '../core/error-alert';
import { OutcomeMessages } from '../core/outcome-messages';
import { RUNTIME_CONFIG } from '../core/runtime-config';

/** What an authenticator app calls this account (`otpauth://totp/<issuer>:<account>`). */
export const totpIssuer = 'Notes';

interface TotpSetup {
  /** Base32, shown in groups of four for typing by hand. */
  readonly secret: string;
  /** A PNG data URL of the `otpauth://` URI, or null while it renders. */
  readonly qrCode: string | null;
}

/**
 * Two-step sign-in settings: set up an authenticator app (QR code and the key as text, then a
 * code to prove it works), email codes on or off, which factor to ask for first, and turning it
 * all off. Only the factors the pool offers (runtime config, else `api/pool.ts`) are shown. The
 * QR library is imported when a person starts a set-up, so no other page downloads it.
 */
@Component({
  selector: 'app-security',
  imports: [ErrorAlert, OutcomeMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      <p>
        Two-step sign-in asks for a code after your password, so a stolen password is not enough.
      </p>
      @switch (status()) {
        @case ('loading') {
          <p class="status" role="status">Reading your sign-in settings…</p>
        }
        @case ('error') {
          <app-error-alert [message]="loadError()!" retryLabel="Try again" (retry)="load()" />
        }
        @default {
          @if (offers('TOTP')) {
            <h3>Authenticator app</h3>
            <p data-testid="totp-status">
              {{ isOn('TOTP') ? 'On: we ask for the 6-digit code from your app.' : 'Off.' }}
            </p>
            @if (setup(); as pending) {
              <div class="setup">
                <p>
                  Scan this QR code with an authenticator app (for example Google Authenticator,
                  Microsoft Authenticator or 1Password), then enter the code it shows.
                </p>
                @if (pending.qrCode) {
                  <img
                    class="qr"
                    [src]="pending.qrCode"
                    width="200"
                    height="200"
                    alt="QR code to add your Notes account to an authenticator app"
                  />
                } @else {
                  <p class="status" role="status">Drawing the QR code…</p>
                }
                <p>
                  Can't scan it? Enter this key in the app instead:
                  <code class="secret" data-testid="totp-secret">{{
                    grouped(pending.secret)
                  }}</code>
                </p>
                <form (submit)="verifyTotp($event)" novalidate>
                  <div class="field">
                    <label for="totp-code">Code from the app</label>
                    <input
                      id="totp-code"
                      inputmode="numeric"
                      autocomplete="one-time-code"
                      maxlength="6"
                      #codeInput
                      [value]="code()"
                      (input)="code.set(codeInput.value)"
                      [disabled]="busy()"
                      required
                    />
                  </div>
                  <div class="actions">
                    <button type="submit" [disabled]="busy()">Verify and turn on</button>
                    <button
                      type="button"
                      class="secondary"
                      [disabled]="busy()"
                      (click)="cancelSetup()"
                    >
                      Cancel
                    </button>
                  </div>
                </form>
              </div>
            } @else if (isOn('TOTP')) {
              <button type="button" class="secondary" [disabled]="busy()" (click)="turnOff('TOTP')">
                Turn off the authenticator app
              </button>
            } @else {
              <button type="button" [disabled]="busy()" (click)="startTotpSetup()">
                Set up an authenticator app
              </button>
            }
          }

          @if (offers('EMAIL')) {
            <h3>Email codes</h3>
            <p data-testid="email-status">
              {{ isOn('EMAIL') ? 'On: we email you a code when you sign in.' : 'Off.' }}
            </p>
            @if (isOn('EMAIL')) {
              <button
                type="button"
                class="secondary"
                [disabled]="busy()"
                (click)="turnOff('EMAIL')"
              >
                Turn off email codes
              </button>
            } @else {
              <button type="button" [disabled]="busy()" (click)="turnOnEmail()">
                Turn on email codes
              </button>
            }
          }

          @if (enabled().length > 1) {
            <fieldset>
              <legend>At sign-in, ask me for</legend>
              @for (factor of preferenceChoices(); track factor) {
                <label class="choice">
                  <input
                    type="radio"
                    name="preferred-factor"
                    [checked]="(preferred() ?? null) === factor"
                    [disabled]="busy()"
                    (change)="prefer(factor)"
                  />
                  {{ preferenceLabel(factor) }}
                </label>
              }
            </fieldset>
          }

          @if (enabled().length > 0) {
            <p>
              <button type="button" class="danger" [disabled]="busy()" (click)="turnOffAll()">
                Turn off two-step sign-in
              </button>
            </p>
          }
        }
      }
      <app-outcome-messages [error]="error()" [notice]="notice()" />
    </section>
  `,
  styles: `
    section {
      margin-bottom: 2rem;
    }
    h3 {
      margin: 1.25rem 0 0.25rem;
      font-size: 1.05rem;
    }
    .qr {
      display: block;
      max-width: 100%;
      height: auto;
      border: 1px solid #c4c4c4;
    }
    .secret {
      display: block;
      margin-top: 0.25rem;
      font-size: 1rem;
      letter-spacing: 0.05em;
      overflow-wrap: anywhere;
    }
    form,
    .setup {
      max-width: 24rem;
    }
    fieldset {
      margin: 1rem 0;
      max-width: 24rem;
    }
    .choice {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0.25rem 0;
    }
  `,
})
export class Security implements OnInit {
  private readonly mfa = inject(AmplifyMfa);
  private readonly auth = inject(AuthService);
  private readonly config = inject(RUNTIME_CONFIG);

  /** What the pool offers: the deployed config says so; the local cloud serves the declaration. */
  private readonly offered: readonly AppMfaFactor[] =
    this.config.mfaFactors ?? offeredMfaFactors(userPool.mfa);

  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly enabledFactors = signal<readonly AppMfaFactor[]>([]);
  protected readonly preferred = signal<AppMfaFactor | undefined>(undefined);
  protected readonly enabled = computed(() =>
    this.enabledFactors().filter((factor) => this.offered.includes(factor)),
  );
  /** Each enabled factor, then null: no preference, so sign-in asks which one each time. */
  protected readonly preferenceChoices = computed(() => [...this.enabled(), null]);
  protected readonly setup = signal<TotpSetup | null>(null);
  protected readonly code = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  ngOnInit(): void {
    if (this.offered.length > 0) void this.load();
  }

  protected preferenceLabel(factor: AppMfaFactor | null): string {
    if (factor === 'TOTP') return 'A code from my authenticator app';
    return factor === 'EMAIL' ? 'A code by email' : 'Ask me each time';
  }

  protected offers(factor: AppMfaFactor): boolean {
    return this.offered.includes(factor);
  }

  protected isOn(factor: AppMfaFactor): boolean {
    return this.enabled().includes(factor);
  }

  protected grouped(secret: string): string {
    return secret.replace(/(.{4})(?=.)/g, '$1 ');
  }

  async load(): Promise<void> {
    this.status.set('loading');
    try {
      this.show(await this.mfa.fetchMfaPreference());
      this.status.set('ready');
    } catch (error) {
      this.loadError.set(toAuthFailure(error, 'updateMfaPreference').message);
      this.status.set('error');
    }
  }

  protected async startTotpSetup(): Promise<void> {
    let uri = '';
    await this.act('updateMfaPreference', null, async () => {
      const output = await this.mfa.setUpTotp();
      this.setup.set({ secret: output.sharedSecret, qrCode: null });
      this.code.set('');
      uri = output.getSetupUri(totpIssuer, this.auth.user()?.email || undefined).toString();
    });
    if (uri) await this.drawQrCode(uri);
  }

  /** The key is already on screen as text; the picture follows once the library has loaded. */
  private async drawQrCode(uri: string): Promise<void> {
    try {
      // qrcode is CommonJS: the bundle exposes its exports as the module's `default`.
      const { toDataURL } = (await import('qrcode')).default;
      const qrCode = await toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' });
      this.setup.update((pending) => (pending ? { ...pending, qrCode } : pending));
    } catch {
      this.error.set('The QR code could not be drawn. Enter the key below in your app instead.');
    }
  }

  protected cancelSetup(): void {
    this.setup.set(null);
    this.error.set(null);
  }

  protected async verifyTotp(event: Event): Promise<void> {
    event.preventDefault();
    const code = this.code().trim();
    if (!/^\d{6}$/.test(code)) {
      this.error.set('Enter the 6-digit code your authenticator app shows.');
      return;
    }
    await this.act(
      'verifyTotpSetup',
      'Your authenticator app is set up: we will ask for its code when you sign in.',
      async () => {
        await this.mfa.verifyTotpSetup({ code });
        // The first factor becomes the preferred one; with two, the person picks (below).
        await this.mfa.updateMfaPreference({
          totp: this.enabled().length === 0 ? 'PREFERRED' : 'ENABLED',
        });
        this.setup.set(null);
      },
    );
  }

  protected async turnOnEmail(): Promise<void> {
    await this.act(
      'updateMfaPreference',
      'Email codes are on: we will email you a code when you sign in.',
      () =>
        this.mfa.updateMfaPreference({
          email: this.enabled().length === 0 ? 'PREFERRED' : 'ENABLED',
        }),
    );
  }

  protected async turnOff(factor: AppMfaFactor): Promise<void> {
    const input: UpdateMFAPreferenceInput =
      factor === 'TOTP' ? { totp: 'DISABLED' } : { email: 'DISABLED' };
    const others = this.enabled().filter((other) => other !== factor);
    // The one left becomes the preferred factor, so sign-in does not ask which one to use.
    if (others[0] === 'TOTP') input.totp = 'PREFERRED';
    if (others[0] === 'EMAIL') input.email = 'PREFERRED';
    await this.act(
      'updateMfaPreference',
      factor === 'TOTP' ? 'The authenticator app is off.' : 'Email codes are off.',
      () => this.mfa.updateMfaPreference(input),
    );
  }

  /** `null`: no preference, so Cognito asks which factor at each sign-in (SELECT_MFA_TYPE). */
  protected async prefer(factor: AppMfaFactor | null): Promise<void> {
    await this.act(
      'updateMfaPreference',
      factor === 'TOTP'
        ? 'We will ask for your authenticator app.'
        : factor === 'EMAIL'
          ? 'We will email you a code.'
          : 'We will ask which one at each sign-in.',
      () =>
        this.mfa.updateMfaPreference({
          totp: factor === 'TOTP' ? 'PREFERRED' : 'NOT_PREFERRED',
          email: factor === 'EMAIL' ? 'PREFERRED' : 'NOT_PREFERRED',
        }),
    );
  }

  protected async turnOffAll(): Promise<void> {
    const input: UpdateMFAPreferenceInput = {};
    if (this.isOn('TOTP')) input.totp = 'DISABLED';
    if (this.isOn('EMAIL')) input.email = 'DISABLED';
    await this.act(
      'updateMfaPreference',
      'Two-step sign-in is off: your password alone signs you in.',
      () => this.mfa.updateMfaPreference(input),
    );
  }

  private show(preference: FetchMFAPreferenceOutput): void {
    const known = (factor: unknown): factor is AppMfaFactor =>
      factor === 'TOTP' || factor === 'EMAIL';
    this.enabledFactors.set((preference.enabled ?? []).filter(known));
    this.preferred.set(known(preference.preferred) ? preference.preferred : undefined);
  }

  /** Runs one change, then re-reads the settings from Cognito so the page shows what is true. */
  private async act(
    operation: AuthOperation,
    success: string | null,
    change: () => Promise<void>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      await change();
      this.show(await this.mfa.fetchMfaPreference());
      this.notice.set(success);
    } catch (error) {
      this.error.set(toAuthFailure(error, operation).message);
    } finally {
      this.busy.set(false);
    }
  }
}
