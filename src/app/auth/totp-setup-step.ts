import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { AuthService } from './auth';
import { attempt } from './attempt';
import { type ContinueStep, SignInFlow } from './sign-in-flow';

/** The issuer an authenticator app lists the account under (as on the profile page). */
const totpIssuer = 'Notes';

/**
 * Two-step sign-in is required and the person has no factor yet: set up an authenticator app
 * during sign-in (scan the QR code or type the key, then enter the app's code).
 */
@Component({
  selector: 'app-totp-setup-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1">Set up an authenticator app</h2>
    <p>Scan this QR code with your authenticator app, or type the key into it.</p>
    @if (qrCode(); as picture) {
      <img
        class="qr"
        [src]="picture"
        width="200"
        height="200"
        alt="QR code for your authenticator app"
      />
    }
    <p>
      Key: <code class="secret" data-testid="sign-in-totp-secret">{{ secret() }}</code>
    </p>
    <form novalidate (submit)="confirm($event, code.value)">
      <div class="field">
        <label for="sign-in-totp-code">Code from the app</label>
        <input
          #code
          id="sign-in-totp-code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          [attr.aria-invalid]="problem() ? true : null"
          [attr.aria-describedby]="problem() ? 'sign-in-totp-problem' : null"
        />
      </div>
      @if (problem(); as message) {
        <p id="sign-in-totp-problem" class="field-error" role="alert">{{ message }}</p>
      }
      <button type="submit" class="wide" [disabled]="busy()" [attr.aria-busy]="busy()">
        Confirm
      </button>
    </form>
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
  `,
})
export class TotpSetupStep implements OnInit {
  protected readonly flow = inject(SignInFlow);
  private readonly auth = inject(AuthService);
  readonly step =
    input.required<Extract<ContinueStep, { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' }>>();
  protected readonly qrCode = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** Grouped in fours, as apps show keys, so it can be typed. */
  protected readonly secret = computed(
    () =>
      this.step()
        .totpSetupDetails.sharedSecret.match(/.{1,4}/g)
        ?.join(' ') ?? '',
  );

  constructor() {
    this.flow.focusOnEnter();
  }

  ngOnInit(): void {
    void this.drawQrCode();
  }

  /** The key is already on screen as text; the picture follows once the library has loaded. */
  private async drawQrCode(): Promise<void> {
    const uri = this.step()
      .totpSetupDetails.getSetupUri(totpIssuer, this.flow.email() || undefined)
      .toString();
    try {
      // qrcode is CommonJS: the bundle exposes its exports as the module's `default`.
      const { toDataURL } = (await import('qrcode')).default;
      this.qrCode.set(await toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' }));
    } catch {
      this.problem.set('The QR code could not be drawn. Type the key into your app instead.');
    }
  }

  protected async confirm(event: Event, code: string): Promise<void> {
    event.preventDefault();
    const challengeResponse = code.trim();
    if (!/^\d{6}$/.test(challengeResponse))
      return this.problem.set('Enter the 6-digit code your authenticator app shows.');
    await attempt(this.busy, this.problem, async () =>
      this.flow.follow(await this.auth.confirmSignIn({ challengeResponse })),
    );
  }
}
