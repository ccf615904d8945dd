import type { SignInOutput } from 'aws-amplify/auth';
import { amplifyError, FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';
import { renderSignIn } from './testing/sign-in-page';

/** The next steps a password sign-in can return, each answered on its own screen. */
describe('Sign-in steps after the password', () => {
  let amplify: FakeAmplifyAuth;

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  async function signInTo(nextStep: SignInOutput['nextStep']) {
    const page = await renderSignIn(amplify);
    amplify.results.set('signIn', { isSignedIn: false, nextStep });
    page.type('Email', 'gina@example.com');
    page.type('Password', 'Corr3ct!horse');
    await page.click('Sign in');
    return page;
  }

  it('asks for the authenticator app’s code and explains a wrong one', async () => {
    const page = await signInTo({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    expect(page.heading()).toBe('Enter the code from your authenticator app');
    const code = page.element.querySelector<HTMLInputElement>('#sign-in-code')!;
    expect(code.inputMode).toBe('numeric');
    amplify.errors.set('confirmSignIn', amplifyError('CodeMismatchException', 'Invalid code'));
    page.type('Code', '000000');
    await page.click('Confirm');
    expect(page.alert()).toBe(
      'That code is not right. Enter the 6-digit code your authenticator app shows now.',
    );
    amplify.errors.delete('confirmSignIn');
    amplify.results.set('confirmSignIn', signInDone);
    amplify.signInAs();
    page.type('Code', '123456');
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignIn').at(-1)).toEqual({ challengeResponse: '123456' });
    expect(page.navigations).toContain('/notes');
  });

  it('asks for the emailed code and says where it went', async () => {
    const page = await signInTo({
      signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { destination: 'g***@e***', deliveryMedium: 'EMAIL' },
    });
    expect(page.heading()).toBe('Enter the code we emailed you');
    expect(page.element.textContent).toContain('We sent it to g***@e***.');
  });

  it('lets a person with two factors choose one, then asks for its code', async () => {
    const page = await signInTo({
      signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
      allowedMFATypes: ['TOTP', 'EMAIL'],
    });
    expect(page.heading()).toBe('Two-step sign-in: how do you want to confirm it’s you?');
    await page.click('Confirm');
    expect(page.alert()).toBe('Please choose one.');
    const appChoice = [...page.element.querySelectorAll('label')]
      .find((label) => label.textContent?.trim() === 'A code from my authenticator app')!
      .querySelector('input')!;
    appChoice.click();
    amplify.results.set('confirmSignIn', {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: 'TOTP' }]);
    expect(page.heading()).toBe('Enter the code from your authenticator app');
    // The new step's heading has focus a frame after it rendered; on a busy machine that frame
    // can come after this test's first one, so wait a few frames rather than exactly one.
    for (let frame = 0; frame < 10 && document.activeElement?.tagName !== 'H2'; frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    expect(document.activeElement?.textContent?.trim()).toBe(page.heading());
  });

  it('sets up an authenticator app during sign-in when the pool requires one', async () => {
    const page = await signInTo({
      signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
      totpSetupDetails: {
        sharedSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        getSetupUri: (appName: string, account?: string) =>
          new URL(`otpauth://totp/${appName}:${account}?secret=JBSWY3DPEHPK3PXP`),
      },
    });
    expect(page.heading()).toBe('Set up an authenticator app');
    expect(page.element.querySelector('[data-testid="sign-in-totp-secret"]')?.textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    page.type('Code from the app', '12345');
    await page.click('Confirm');
    expect(page.alert()).toBe('Enter the 6-digit code your authenticator app shows.');
    amplify.results.set('confirmSignIn', signInDone);
    page.type('Code from the app', '123456');
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: '123456' }]);
  });

  it('marks the code field invalid and described by the problem only while one shows', async () => {
    const page = await signInTo({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' });
    const code = page.element.querySelector<HTMLInputElement>('#sign-in-code')!;
    expect(code.autocomplete).toBe('one-time-code');
    expect(code.hasAttribute('aria-invalid')).toBeFalse();
    expect(code.hasAttribute('aria-describedby')).toBeFalse();
    await page.click('Confirm');
    expect(page.alert()).toBe('Please enter the code.');
    const alert = page.element.querySelector('[role=alert]')!;
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-describedby')).toBe(alert.id);
    amplify.errors.set('confirmSignIn', amplifyError('CodeMismatchException', 'Invalid code'));
    page.type('Code', '000000');
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: '000000' }]);
    expect(code.getAttribute('aria-describedby')).toBe(alert.id);
    expect(page.element.querySelector('button[type=submit]')?.getAttribute('aria-busy')).toBe(
      'false',
    );
  });

  it('sets up email codes during sign-in: the chosen factor, the address, then its code', async () => {
    const page = await signInTo({
      signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
      allowedMFATypes: ['TOTP', 'EMAIL'],
    });
    expect(page.heading()).toContain('Two-step sign-in is on for this account');
    [...page.element.querySelectorAll('label')]
      .find((label) => label.textContent?.trim() === 'A code by email')!
      .querySelector('input')!
      .click();
    amplify.results.set('confirmSignIn', {
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' },
    });
    await page.click('Confirm');
    expect(page.heading()).toBe('Where should we email your sign-in codes?');
    expect(page.element.querySelector<HTMLInputElement>('#email-setup-address')?.value).toBe(
      'gina@example.com',
    );
    amplify.results.set('confirmSignIn', {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' },
    });
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignIn')).toEqual([
      { challengeResponse: 'EMAIL' },
      { challengeResponse: 'gina@example.com' },
    ]);
    expect(page.heading()).toBe('Enter the code we emailed you');
  });

  it('replaces a temporary password, checking the pool’s rules first', async () => {
    const page = await signInTo({ signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' });
    expect(page.heading()).toBe('Choose your own password');
    page.type('New Password', 'short');
    page.type('Confirm Password', 'short');
    await page.settle();
    const submit = [...page.element.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Change Password',
    )!;
    expect(submit.disabled).toBeTrue();
    page.type('New Password', 'Corr3ct!horse');
    page.type('Confirm Password', 'Corr3ct!horse');
    await page.settle();
    amplify.results.set('confirmSignIn', signInDone);
    await page.click('Change Password');
    expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: 'Corr3ct!horse' }]);
  });

  it('says so for a step this app does not offer, with a way back', async () => {
    const page = await signInTo({ signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE' });
    expect(page.alert()).toContain('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    await page.click('Back to sign in');
    expect(page.element.querySelector('#sign-in-password')).not.toBeNull();
  });
});
