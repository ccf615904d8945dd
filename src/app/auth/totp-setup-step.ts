import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { attempt } from './attempt';
import { AuthField } from './auth-field';
import { BackToSignIn } from './back-to-sign-in';
import { type ContinueStep, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

/** The issuer an authenticator app lists the account under (as on the profile page). */
const totpIssuer = 'Notes';

/**
 * Two-step sign-in is required and the person has no factor yet: set up an authenticator app
 * during sign-in (scan the QR code or type the key, then enter the app's code).
 */
@Component({
  selector: 'app-totp-setup-step',
  imports: [AuthField, BackToSignIn, StepForm],
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
    <app-step-form
      submitLabel="Confirm"
      problemId="sign-in-totp-problem"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="confirm()"
    >
      <app-auth-field
        kind="code"
        fieldId="sign-in-totp-code"
        label="Code from the app"
        [(value)]="code"
        [problemId]="problem() ? 'sign-in-totp-problem' : null"
      />
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class TotpSetupStep implements OnInit {
  protected readonly flow = inject(SignInFlow);
  readonly step =
    input.required<Extract<ContinueStep, { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' }>>();
  protected readonly qrCode = signal<string | null>(null);
  protected readonly code = signal('');
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

  protected async confirm(): Promise<void> {
    const code = this.code().trim();
    if (!/^\d{6}$/.test(code))
      return this.problem.set('Enter the 6-digit code your authenticator app shows.');
    await attempt(this.busy, this.problem, () => this.flow.answer(code));
  }
}
