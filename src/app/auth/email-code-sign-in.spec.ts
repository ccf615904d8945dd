import { TestBed } from '@angular/core/testing';
import type { SignInOutput } from 'aws-amplify/auth';
import { AuthService } from './auth';
import { EmailCodeSignIn } from './email-code-sign-in';
import { amplifyError, FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';
import { renderEntry } from './testing/render-entry';

const codeSent: SignInOutput = {
  isSignedIn: false,
  nextStep: {
    signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
    codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@example.com' },
  },
};

describe('EmailCodeSignIn', () => {
  let amplify: FakeAmplifyAuth;

  async function render() {
    const { element, settle, button } = await renderEntry(EmailCodeSignIn, amplify);
    const fill = (label: string, value: string) => {
      const labelElement = [...element.querySelectorAll('label')].find(
        (l) => l.textContent?.trim() === label,
      )!;
      const input = element.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`)!;
      input.value = value;
      return input;
    };
    return { element, settle, button, fill };
  }

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  async function askForCode() {
    const view = await render();
    view.button('Email me a code instead').click();
    await view.settle();
    view.fill('Email', ' alice@example.com ');
    amplify.results.set('signIn', codeSent);
    view.button('Email me a code').click();
    await view.settle();
    return view;
  }

  it('starts a USER_AUTH sign-in that prefers an emailed code', async () => {
    const { element } = await askForCode();
    expect(amplify.callsOf('signIn')).toEqual([
      {
        username: 'alice@example.com',
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
      },
    ]);
    expect(element.querySelector('[role="status"]')?.textContent).toContain('alice@example.com');
  });

  it('asks for the code with a numeric, one-time-code field', async () => {
    const { fill } = await askForCode();
    const code = fill('Code', '');
    expect(code.inputMode).toBe('numeric');
    expect(code.autocomplete).toBe('one-time-code');
  });

  it('signs in when the code is right', async () => {
    const { fill, button, settle } = await askForCode();
    fill('Code', '12345678');
    amplify.results.set('confirmSignIn', signInDone);
    amplify.signInAs();
    button('Sign in').click();
    await settle();
    expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: '12345678' }]);
    expect(TestBed.inject(AuthService).isSignedIn()).toBeTrue();
  });

  it("explains a wrong code in the app's words and links it to the field", async () => {
    const { fill, button, settle, element } = await askForCode();
    const code = fill('Code', '00000000');
    amplify.errors.set('confirmSignIn', amplifyError('CodeMismatchException', 'Invalid code.'));
    button('Sign in').click();
    await settle();
    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('That code is not right');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-describedby')).toBe(alert!.id);
  });

  it('explains an expired code', async () => {
    const { fill, button, settle, element } = await askForCode();
    fill('Code', '12345678');
    amplify.errors.set('confirmSignIn', amplifyError('ExpiredCodeException', 'Expired.'));
    button('Sign in').click();
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toMatch(/expired|again/i);
  });

  it('does not call Cognito without an address', async () => {
    const { button, settle, element } = await render();
    button('Email me a code instead').click();
    await settle();
    button('Email me a code').click();
    await settle();
    expect(amplify.callsOf('signIn')).toEqual([]);
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('email address');
  });
});
