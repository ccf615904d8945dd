import { TestBed } from '@angular/core/testing';
import type { SignInOutput } from 'aws-amplify/auth';
import { AuthService } from './auth';
import { PasskeySignIn } from './passkey-sign-in';
import { amplifyError, FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';
import { renderEntry } from './testing/render-entry';

/** Cognito's answer for an account without a passkey: its other first factors. */
const otherFactorsOnly: SignInOutput = {
  isSignedIn: false,
  nextStep: {
    signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
    availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
  },
};

describe('PasskeySignIn', () => {
  let amplify: FakeAmplifyAuth;

  async function open() {
    const { element, settle, button } = await renderEntry(PasskeySignIn, amplify);
    button('Sign in with a passkey').click();
    await settle();
    const email = element.querySelector<HTMLInputElement>('#passkey-email')!;
    /** Submits, then waits until the sign-in has finished (the message table loads lazily). */
    const submit = async (address: string) => {
      email.value = address;
      button('Use my passkey').click();
      await settle();
      for (let tries = 0; tries < 40 && button('Use my passkey') === undefined; tries++)
        await settle();
    };
    const alert = () => element.querySelector('[role="alert"]');
    return { element, settle, button, email, submit, alert };
  }

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  it('opens a labelled region with an email field for passkey autofill', async () => {
    const { element, email } = await open();
    const region = element.querySelector('section')!;
    expect(region.getAttribute('aria-labelledby')).toBe('passkey-heading');
    expect(element.querySelector('#passkey-heading')?.textContent).toBe('Sign in with a passkey');
    expect(element.querySelector('label[for="passkey-email"]')?.textContent).toBe('Email');
    expect(email.autocomplete).toBe('username webauthn');
  });

  it('starts a USER_AUTH sign-in that prefers the WEB_AUTHN challenge, and signs in', async () => {
    const { submit } = await open();
    amplify.results.set('signIn', signInDone);
    amplify.signInAs();
    await submit(' alice@example.com ');
    expect(amplify.callsOf('signIn')).toEqual([
      {
        username: 'alice@example.com',
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
      },
    ]);
    expect(TestBed.inject(AuthService).isSignedIn()).toBeTrue();
  });

  it('says when the account has no passkey (Cognito offers the other factors)', async () => {
    const { submit, alert, email } = await open();
    amplify.results.set('signIn', otherFactorsOnly);
    await submit('bob@example.com');
    expect(alert()?.textContent).toContain('This account has no passkey yet.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toContain(alert()!.id);
    expect(TestBed.inject(AuthService).isSignedIn()).toBeFalse();
  });

  it("explains a cancelled prompt or a device without the passkey in the app's words", async () => {
    const { submit, alert } = await open();
    amplify.errors.set(
      'signIn',
      amplifyError(
        'PasskeyAuthenticationCanceled',
        'Passkey authentication ceremony has been canceled.',
      ),
    );
    await submit('alice@example.com');
    expect(alert()?.textContent).toContain(
      'No passkey was used: the request was cancelled, or this device has no passkey for this account.',
    );
  });

  it('explains a passkey Cognito refuses', async () => {
    const { submit, alert } = await open();
    amplify.errors.set(
      'signIn',
      amplifyError('NotAuthorizedException', 'Incorrect username or password.'),
    );
    await submit('alice@example.com');
    expect(alert()?.textContent).toContain('That passkey was not accepted.');
  });

  it('does not call Cognito without an address', async () => {
    const { submit, alert } = await open();
    await submit('  ');
    expect(amplify.callsOf('signIn')).toEqual([]);
    expect(alert()?.textContent).toContain('Please enter your email address.');
  });
});
