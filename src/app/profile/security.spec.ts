import { TestBed } from '@angular/core/testing';
import type { FetchMFAPreferenceOutput, UpdateMFAPreferenceInput } from 'aws-amplify/auth';
import { defaultRuntimeConfig, type RuntimeConfig } from '../../../amplify-config';
import { AmplifyMfa } from '../auth/amplify-mfa';
import { AuthService } from '../auth/auth';
import { amplifyError } from '../auth/testing/fake-amplify-auth';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { Security } from './security';

/** Cognito's side of the settings, as far as the page can tell. */
class FakeMfa {
  preference: FetchMFAPreferenceOutput = {};
  readonly updates: UpdateMFAPreferenceInput[] = [];
  verifyError: Error | null = null;
  readonly codes: string[] = [];
  fetchMfaPreference = () => Promise.resolve(this.preference);
  setUpTotp = () =>
    Promise.resolve({
      sharedSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      getSetupUri: (issuer: string, account?: string) =>
        new URL(`otpauth://totp/${issuer}:${account}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP`),
    });
  verifyTotpSetup = ({ code }: { code: string }) => {
    this.codes.push(code);
    return this.verifyError ? Promise.reject(this.verifyError) : Promise.resolve();
  };
  updateMfaPreference = (input: UpdateMFAPreferenceInput) => {
    this.updates.push(input);
    const enabled = new Set(this.preference.enabled ?? []);
    let preferred = this.preference.preferred;
    for (const [key, factor] of [
      ['totp', 'TOTP'],
      ['email', 'EMAIL'],
    ] as const) {
      const value = input[key];
      if (value === 'DISABLED') {
        enabled.delete(factor);
        if (preferred === factor) preferred = undefined;
      } else if (value) enabled.add(factor);
      if (value === 'PREFERRED') preferred = factor;
    }
    this.preference = { enabled: enabled.size ? [...enabled] : undefined, preferred };
    return Promise.resolve();
  };
}

describe('Security (two-step sign-in settings)', () => {
  let mfa: FakeMfa;

  async function render(config: RuntimeConfig = defaultRuntimeConfig) {
    TestBed.configureTestingModule({
      providers: [
        { provide: AmplifyMfa, useValue: mfa },
        {
          provide: AuthService,
          useValue: { user: () => ({ userId: 'u', email: 'a@example.com' }) },
        },
        { provide: RUNTIME_CONFIG, useValue: config },
      ],
    });
    const fixture = TestBed.createComponent(Security);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }
  /** Waits until `ready` holds (the QR library and Amplify calls resolve outside Angular). */
  async function until(fixture: { whenStable(): Promise<unknown> }, ready: () => unknown) {
    for (let tries = 0; tries < 100 && !ready(); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await fixture.whenStable();
    }
    expect(ready()).toBeTruthy();
  }
  const button = (element: HTMLElement, text: string) =>
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

  beforeEach(() => {
    mfa = new FakeMfa();
  });

  it('offers only the factors the pool has: no email codes without them', async () => {
    const { element } = await render({ ...defaultRuntimeConfig, mfaFactors: ['TOTP'] });
    expect(element.textContent).toContain('Authenticator app');
    expect(element.textContent).not.toContain('Email codes');
  });

  it('shows the declared factors on the local cloud (no mfaFactors in the config)', async () => {
    const { element } = await render();
    expect(element.querySelector('[data-testid="totp-status"]')?.textContent).toContain('Off');
    expect(element.querySelector('[data-testid="email-status"]')?.textContent).toContain('Off');
  });

  it('sets up an authenticator app: QR code, the key as text, a code, then it is on and preferred', async () => {
    const { fixture, element } = await render();
    button(element, 'Set up an authenticator app')!.click();
    await until(fixture, () => element.querySelector('img.qr'));
    const qr = element.querySelector('img.qr') as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/png;base64,/);
    expect(qr.alt).toContain('QR code');
    expect(element.querySelector('[data-testid="totp-secret"]')?.textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    const input = element.querySelector('#totp-code') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    button(element, 'Verify and turn on')!.click();
    await until(fixture, () => mfa.updates.length === 1 && !element.querySelector('#totp-code'));
    expect(mfa.codes).toEqual(['123456']);
    expect(mfa.updates).toEqual([{ totp: 'PREFERRED' }]);
    expect(element.querySelector('[data-testid="totp-status"]')?.textContent).toContain('On');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('set up');
  });

  it('explains a wrong code in the app’s words', async () => {
    mfa.verifyError = amplifyError(
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    const { fixture, element } = await render();
    button(element, 'Set up an authenticator app')!.click();
    await until(fixture, () => button(element, 'Verify and turn on')?.disabled === false);
    const input = element.querySelector('#totp-code') as HTMLInputElement;
    input.value = '000000';
    input.dispatchEvent(new Event('input'));
    button(element, 'Verify and turn on')!.click();
    await until(fixture, () => element.querySelector('[role="alert"]'));
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'That code is not right',
    );
    expect(mfa.updates).toEqual([]);
  });

  it('chooses the preferred factor when both are on, and turns everything off', async () => {
    mfa.preference = { enabled: ['TOTP', 'EMAIL'] };
    const { fixture, element } = await render();
    const radios = [...element.querySelectorAll('input[type="radio"]')] as HTMLInputElement[];
    expect(radios.map((radio) => radio.checked)).toEqual([false, false, true]); // ask each time
    radios[1]!.click();
    await fixture.whenStable();
    expect(mfa.updates.at(-1)).toEqual({ totp: 'NOT_PREFERRED', email: 'PREFERRED' });
    radios[2]!.click();
    await fixture.whenStable();
    expect(mfa.updates.at(-1)).toEqual({ totp: 'NOT_PREFERRED', email: 'NOT_PREFERRED' });
    button(element, 'Turn off two-step sign-in')!.click();
    await fixture.whenStable();
    expect(mfa.updates.at(-1)).toEqual({ totp: 'DISABLED', email: 'DISABLED' });
    expect(element.querySelector('[data-testid="totp-status"]')?.textContent).toContain('Off');
    expect(button(element, 'Turn off two-step sign-in')).toBeUndefined();
  });

  it('turns email codes on as the preferred factor when it is the first', async () => {
    const { fixture, element } = await render();
    button(element, 'Turn on email codes')!.click();
    await fixture.whenStable();
    expect(mfa.updates).toEqual([{ email: 'PREFERRED' }]);
    expect(element.querySelector('[data-testid="email-status"]')?.textContent).toContain('On');
  });
});
