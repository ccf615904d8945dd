import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { activatedRoute } from '../core/testing/activated-route';
import { AmplifyAuth } from './amplify-auth';
import { AuthService } from './auth';
import { SignIn } from './sign-in';
import { amplifyError, FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';
import { renderSignIn } from './testing/sign-in-page';

describe('SignIn (the page and its password form)', () => {
  let amplify: FakeAmplifyAuth;

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  it('shows the sign-in form with labelled email and password fields', async () => {
    const { element } = await renderSignIn(amplify);
    expect(element.querySelector('h1')?.textContent).toContain('Sign in');
    for (const [label, autocomplete] of [
      ['Email', 'username'],
      ['Password', 'current-password'],
    ]) {
      const labelElement = [...element.querySelectorAll('label')].find(
        (candidate) => candidate.textContent?.trim() === label,
      );
      const input = element.querySelector<HTMLInputElement>(`#${labelElement!.htmlFor}`);
      expect(input?.getAttribute('autocomplete')).withContext(label).toBe(autocomplete);
    }
  });

  it('signs in through AuthService with SRP (Amplify’s default flow) and goes to the return URL', async () => {
    const page = await renderSignIn(amplify, { returnUrl: '/notes/01HZX' });
    amplify.results.set('signIn', signInDone);
    amplify.signInAs(); // what Amplify has stored once the sign-in is DONE
    page.type('Email', ' alice@example.com ');
    page.type('Password', 'Corr3ct!horse');
    await page.click('Sign in');
    expect(amplify.callsOf('signIn')).toEqual([
      { username: 'alice@example.com', password: 'Corr3ct!horse' },
    ]);
    expect(page.navigations).toContain('/notes/01HZX');
  });

  it('puts a wrong password in words and keeps the form', async () => {
    const page = await renderSignIn(amplify);
    amplify.errors.set(
      'signIn',
      amplifyError('NotAuthorizedException', 'Incorrect username or password.'),
    );
    page.type('Email', 'alice@example.com');
    page.type('Password', 'wrong');
    await page.click('Sign in');
    expect(page.alert()).toBe('Wrong email or password.');
    expect(page.element.querySelector('#sign-in-password')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('asks for the address before calling Cognito', async () => {
    const page = await renderSignIn(amplify);
    page.type('Password', 'whatever');
    await page.click('Sign in');
    expect(page.alert()).toBe('Please enter your email address.');
    expect(amplify.callsOf('signIn')).toEqual([]);
  });

  it('goes to the return URL when already signed in', async () => {
    amplify.signInAs();
    const { navigations } = await renderSignIn(amplify, { returnUrl: '/notes/01HZX' });
    expect(navigations).toContain('/notes/01HZX');
  });

  it('never follows a return URL to another site', async () => {
    amplify.signInAs();
    const { navigations } = await renderSignIn(amplify, { returnUrl: '//evil.example/' });
    expect(navigations).toContain('/notes');
  });

  it('shows why the person was signed out', async () => {
    amplify.signInAs();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        activatedRoute(),
        { provide: AmplifyAuth, useValue: amplify },
      ],
    });
    const auth = TestBed.inject(AuthService);
    await auth.whenReady();
    spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await auth.endSession('/notes');
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="status"]')?.textContent,
    ).toContain('Your session has ended');
  });

  it('offers a passkey and an emailed code beside the password when the pool allows them', async () => {
    const names = (element: HTMLElement) =>
      [...element.querySelectorAll('button')].map((b) => b.textContent?.trim());
    const everything = await renderSignIn(amplify);
    expect(names(everything.element)).toContain('Sign in with a passkey');
    expect(names(everything.element)).toContain('Email me a code instead');
    TestBed.resetTestingModule();
    const codes = await renderSignIn(new FakeAmplifyAuth(), {
      config: { firstFactors: ['PASSWORD', 'EMAIL_OTP'] },
    });
    expect(names(codes.element)).not.toContain('Sign in with a passkey');
    expect(names(codes.element)).toContain('Email me a code instead');
    TestBed.resetTestingModule();
    const passwords = await renderSignIn(new FakeAmplifyAuth(), {
      config: { firstFactors: ['PASSWORD'] },
    });
    expect(passwords.element.querySelector('app-email-code-sign-in')).toBeNull();
    expect(passwords.element.querySelector('app-passkey-sign-in')).toBeNull();
  });

  it('links to account creation, keeping the return URL', async () => {
    const { element } = await renderSignIn(amplify, { returnUrl: '/notes/01HZX' });
    const link = [...element.querySelectorAll('a')].find((a) =>
      a.textContent?.includes('Create an account'),
    );
    expect(link?.getAttribute('href')).toBe('/sign-up?returnUrl=%2Fnotes%2F01HZX');
  });

  it('opens on the sign-up form for /sign-up', async () => {
    const { element } = await renderSignIn(amplify, { mode: 'signUp' });
    expect(element.querySelector('h1')?.textContent).toContain('Create your account');
    expect(
      [...element.querySelectorAll('button')].some(
        (b) => b.textContent?.trim() === 'Create Account',
      ),
    ).toBeTrue();
    expect(element.querySelector('app-email-code-sign-in')).toBeNull();
    expect(element.querySelector('app-passkey-sign-in')).toBeNull();
  });

  it('confirms an address Cognito reports unconfirmed, with a fresh code, then signs in without asking again', async () => {
    const page = await renderSignIn(amplify);
    amplify.results.set('signIn', {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    page.type('Email', 'bob@example.com');
    page.type('Password', 'Corr3ct!horse');
    await page.click('Sign in');
    expect(amplify.callsOf('resendSignUpCode')).toEqual([{ username: 'bob@example.com' }]);
    expect(page.heading()).toBe('Check your email');

    amplify.results.set('confirmSignUp', {
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    amplify.results.set('signIn', signInDone);
    page.type('Confirmation Code', '123456');
    await page.click('Confirm');
    expect(amplify.callsOf('confirmSignUp')).toEqual([
      { username: 'bob@example.com', confirmationCode: '123456' },
    ]);
    expect(amplify.callsOf('signIn').at(-1)).toEqual({
      username: 'bob@example.com',
      password: 'Corr3ct!horse',
    });
  });

  it('sends the reset code when Cognito requires a new password (RESET_PASSWORD)', async () => {
    const page = await renderSignIn(amplify);
    amplify.results.set('signIn', {
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    });
    page.type('Email', 'carol@example.com');
    page.type('Password', 'old-one');
    await page.click('Sign in');
    expect(amplify.callsOf('resetPassword')).toEqual([{ username: 'carol@example.com' }]);
    expect(page.heading()).toBe('Choose a new password');
  });
});
