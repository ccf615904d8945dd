import { afterPasswordlessSignUp } from './sign-in-flow';
import { amplifyError, FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';
import { renderSignIn } from './testing/sign-in-page';

const needsConfirmation = {
  isSignUpComplete: false,
  nextStep: {
    signUpStep: 'CONFIRM_SIGN_UP',
    codeDeliveryDetails: { destination: 'd***@e***', deliveryMedium: 'EMAIL' },
  },
};
const confirmedAutoSignIn = {
  isSignUpComplete: true,
  nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
};

describe('SignUpForm and ConfirmSignUp', () => {
  let amplify: FakeAmplifyAuth;

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  const button = (element: HTMLElement, text: string) =>
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

  it('lists every missing password rule once and cannot be sent until they are met', async () => {
    const page = await renderSignIn(amplify, { mode: 'signUp' });
    page.type('Email', 'dana@example.com');
    page.type('Password', 'weakpassword');
    page.type('Confirm Password', 'weakpassword');
    await page.settle();
    const text = page.element.textContent ?? '';
    expect(text.match(/The password needs/g)?.length).toBe(1);
    expect(text).toContain('The password needs an upper-case letter, a number');
    expect(button(page.element, 'Create Account')?.disabled).toBeTrue();

    page.type('Password', 'Corr3ct!horse');
    await page.settle();
    expect(page.element.textContent).toContain('The passwords do not match.');
    expect(button(page.element, 'Create Account')?.disabled).toBeTrue();
    page.type('Confirm Password', 'Corr3ct!horse');
    await page.settle();
    expect(button(page.element, 'Create Account')?.disabled).toBeFalse();
    expect(amplify.callsOf('signUp')).toEqual([]);
  });

  it('signs up, confirms with the mailed code and signs in at once (autoSignIn)', async () => {
    const page = await renderSignIn(amplify, { mode: 'signUp' });
    amplify.results.set('signUp', needsConfirmation);
    page.type('Email', 'dana@example.com');
    page.type('Password', 'Corr3ct!horse');
    page.type('Confirm Password', 'Corr3ct!horse');
    await page.click('Create Account');
    expect(amplify.callsOf('signUp')).toEqual([
      {
        username: 'dana@example.com',
        password: 'Corr3ct!horse',
        options: { userAttributes: { email: 'dana@example.com' }, autoSignIn: true },
      },
    ]);
    expect(page.heading()).toBe('Check your email');
    // The full address, once; not Cognito's masked repeat of it.
    expect(page.element.textContent).toContain('We sent a confirmation code to dana@example.com');
    expect(page.element.textContent).not.toContain('***');
    const code = page.element.querySelector<HTMLInputElement>('#confirm-sign-up-code')!;
    expect(code.inputMode).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');

    amplify.results.set('confirmSignUp', confirmedAutoSignIn);
    amplify.results.set('autoSignIn', signInDone);
    amplify.signInAs();
    page.type('Confirmation Code', ' 123456 ');
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignUp')).toEqual([
      { username: 'dana@example.com', confirmationCode: '123456' },
    ]);
    expect(amplify.callsOf('autoSignIn').length).toBe(1);
    expect(page.navigations).toContain('/notes');
  });

  it('explains a wrong code, resends one, and goes back to correct the address', async () => {
    const page = await renderSignIn(amplify, { mode: 'signUp' });
    amplify.results.set('signUp', needsConfirmation);
    page.type('Email', 'typo@example.com');
    page.type('Password', 'Corr3ct!horse');
    page.type('Confirm Password', 'Corr3ct!horse');
    await page.click('Create Account');

    amplify.errors.set('confirmSignUp', amplifyError('CodeMismatchException', 'Invalid code'));
    page.type('Confirmation Code', '000000');
    await page.click('Confirm');
    expect(page.alert()).toBe('That code is not right. Check the email we sent and try again.');

    await page.click('Resend Code');
    expect(amplify.callsOf('resendSignUpCode')).toEqual([{ username: 'typo@example.com' }]);
    expect(page.element.textContent).toContain('We sent a new code.');

    await page.click('Change it');
    expect(button(page.element, 'Create Account')).toBeDefined();
    expect(page.element.querySelector<HTMLInputElement>('#sign-up-email')?.value).toBe(
      'typo@example.com',
    );
  });

  it('says so when the address already has an account', async () => {
    const page = await renderSignIn(amplify, { mode: 'signUp' });
    amplify.errors.set('signUp', amplifyError('UsernameExistsException', 'User already exists'));
    page.type('Email', 'taken@example.com');
    page.type('Password', 'Corr3ct!horse');
    page.type('Confirm Password', 'Corr3ct!horse');
    await page.click('Create Account');
    expect(page.alert()).toContain('An account with this email already exists.');
  });

  describe('without a password', () => {
    it('is offered only when the pool allows emailed sign-in codes', async () => {
      const page = await renderSignIn(amplify, {
        mode: 'signUp',
        config: { firstFactors: ['PASSWORD'] },
      });
      expect(button(page.element, 'Create an account without a password')).toBeUndefined();
    });

    it('creates the account with email only, confirms it, signs in with USER_AUTH and offers a passkey', async () => {
      const page = await renderSignIn(amplify, {
        mode: 'signUp',
        config: { firstFactors: ['PASSWORD', 'EMAIL_OTP'] },
      });
      await page.click('Create an account without a password');
      expect(page.element.querySelector('#sign-up-password')).toBeNull();
      amplify.results.set('signUp', needsConfirmation);
      page.type('Email', 'erin@example.com');
      await page.click('Create Account');
      expect(amplify.callsOf('signUp')).toEqual([
        {
          username: 'erin@example.com',
          options: {
            userAttributes: { email: 'erin@example.com' },
            autoSignIn: { authFlowType: 'USER_AUTH' },
          },
        },
      ]);
      expect(page.heading()).toBe('Check your email');

      amplify.results.set('confirmSignUp', confirmedAutoSignIn);
      amplify.results.set('autoSignIn', signInDone);
      amplify.signInAs({ sub: 'erin', email: 'erin@example.com' });
      page.type('Confirmation Code', '654321');
      await page.click('Confirm');
      expect(amplify.callsOf('autoSignIn').length).toBe(1);
      expect(page.navigations).toContain(afterPasswordlessSignUp);
      expect(afterPasswordlessSignUp).toBe('/profile?addPasskey=1');
    });

    it('"Change it" returns to the form without a password', async () => {
      const page = await renderSignIn(amplify, {
        mode: 'signUp',
        config: { firstFactors: ['PASSWORD', 'EMAIL_OTP'] },
      });
      await page.click('Create an account without a password');
      amplify.results.set('signUp', needsConfirmation);
      page.type('Email', 'typo@example.com');
      await page.click('Create Account');
      await page.click('Change it');
      expect(page.heading()).toBe('Without a password');
      expect(page.element.querySelector('#sign-up-password')).toBeNull();
    });

    it('goes back to a password on request', async () => {
      const page = await renderSignIn(amplify, {
        mode: 'signUp',
        config: { firstFactors: ['PASSWORD', 'EMAIL_OTP'] },
      });
      await page.click('Create an account without a password');
      await page.click('Use a password instead');
      expect(page.element.querySelector('#sign-up-password')).not.toBeNull();
    });
  });
});
