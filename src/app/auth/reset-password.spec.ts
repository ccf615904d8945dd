import { amplifyError, FakeAmplifyAuth } from './testing/fake-amplify-auth';
import { renderSignIn } from './testing/sign-in-page';

describe('ForgotPassword and ConfirmResetPassword', () => {
  let amplify: FakeAmplifyAuth;

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  async function openReset() {
    const page = await renderSignIn(amplify);
    page.type('Email', 'frank@example.com');
    await page.click('Forgot your password?');
    return page;
  }

  it('sends a code to the address already typed and says where it went', async () => {
    const page = await openReset();
    expect(page.heading()).toBe('Reset your password');
    expect(page.element.querySelector<HTMLInputElement>('#forgot-email')?.value).toBe(
      'frank@example.com',
    );
    await page.click('Send code');
    expect(amplify.callsOf('resetPassword')).toEqual([{ username: 'frank@example.com' }]);
    expect(page.heading()).toBe('Choose a new password');
    expect(page.element.textContent).toContain(
      'If an account exists for frank@example.com, we have emailed it a code.',
    );
    const code = page.element.querySelector<HTMLInputElement>('#reset-code')!;
    expect(code.inputMode).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
  });

  it('changes the password and confirms it on the sign-in form', async () => {
    const page = await openReset();
    await page.click('Send code');
    page.type('Code', '123456');
    page.type('New Password', 'N3w!password');
    page.type('Confirm Password', 'N3w!password');
    await page.click('Submit');
    expect(amplify.callsOf('confirmResetPassword')).toEqual([
      { username: 'frank@example.com', confirmationCode: '123456', newPassword: 'N3w!password' },
    ]);
    expect(page.element.querySelector('#sign-in-password')).not.toBeNull();
    expect(page.element.querySelector('[role="status"]')?.textContent).toContain(
      'Your password has been changed. Sign in with your new password.',
    );
  });

  it('explains an expired code and can send a new one', async () => {
    const page = await openReset();
    await page.click('Send code');
    amplify.errors.set(
      'confirmResetPassword',
      amplifyError('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
    );
    page.type('Code', '123456');
    page.type('New Password', 'N3w!password');
    page.type('Confirm Password', 'N3w!password');
    await page.click('Submit');
    expect(page.alert()).toBe('That code has expired. Ask for a new code and try again.');
    await page.click('Resend Code');
    expect(amplify.callsOf('resetPassword').length).toBe(2);
  });

  it('goes back to sign in from either step', async () => {
    const page = await openReset();
    await page.click('Back to sign in');
    expect(page.element.querySelector('#sign-in-password')).not.toBeNull();
    await page.click('Forgot your password?');
    await page.click('Send code');
    await page.click('Back to sign in');
    expect(page.element.querySelector('#sign-in-password')).not.toBeNull();
  });
});
