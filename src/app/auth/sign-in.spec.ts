import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthenticatorService } from '@aws-amplify/ui-angular';
import { Amplify } from 'aws-amplify';
import { defaultRuntimeConfig, type RuntimeConfig, toAmplifyConfig } from '../../../amplify-config';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { activatedRoute } from '../core/testing/activated-route';
import { AmplifyAuth } from './amplify-auth';
import { AuthService } from './auth';
import { SignIn } from './sign-in';
import { FakeAmplifyAuth, signInDone } from './testing/fake-amplify-auth';

describe('SignIn', () => {
  let amplify: FakeAmplifyAuth;

  async function render(
    options: { mode?: 'signIn' | 'signUp'; returnUrl?: string; config?: RuntimeConfig } = {},
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        activatedRoute({
          data: { mode: options.mode ?? 'signIn' },
          queryParams: options.returnUrl ? { returnUrl: options.returnUrl } : {},
        }),
        { provide: AmplifyAuth, useValue: amplify },
        ...(options.config ? [{ provide: RUNTIME_CONFIG, useValue: options.config }] : []),
      ],
    });
    const navigate = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    const fixture = TestBed.createComponent(SignIn);
    // The theme link never loads under Karma (no such file): pretend it did.
    const link = () =>
      document.head.querySelector<HTMLLinkElement>('link[href="amplify-theme.css"]');
    await fixture.whenStable();
    link()?.dispatchEvent(new Event('error'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement, navigate };
  }

  beforeAll(() => Amplify.configure(toAmplifyConfig(defaultRuntimeConfig)));

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  it('offers a passkey and an emailed code when the pool allows them (config.json)', async () => {
    const names = (element: HTMLElement) =>
      [...element.querySelectorAll('button')].map((b) => b.textContent?.trim());
    const everything = await render();
    expect(names(everything.element)).toContain('Sign in with a passkey');
    expect(names(everything.element)).toContain('Email me a code instead');
    everything.fixture.destroy();
    TestBed.resetTestingModule();
    amplify = new FakeAmplifyAuth();
    const passwordsOnly = await render({
      config: { ...defaultRuntimeConfig, firstFactors: ['PASSWORD', 'EMAIL_OTP'] },
    });
    expect(names(passwordsOnly.element)).not.toContain('Sign in with a passkey');
    expect(names(passwordsOnly.element)).toContain('Email me a code instead');
  });

  it('loads the Authenticator theme only with this page', async () => {
    await render();
    expect(
      document.head.querySelector('link[rel="stylesheet"][href="amplify-theme.css"]'),
    ).not.toBeNull();
  });

  it("shows the Authenticator's sign-in form with a labelled email field", async () => {
    const { element } = await render();
    expect(element.querySelector('h1')?.textContent).toContain('Sign in');
    const username = element.querySelector<HTMLInputElement>('input[name="username"]');
    expect(username).not.toBeNull();
    const label = element.querySelector(`label[for="${username!.id}"]`);
    expect(label?.textContent).toContain('Email');
  });

  it("routes the Authenticator's sign-in through AuthService", async () => {
    const { fixture, element } = await render();
    const auth = TestBed.inject(AuthService);
    spyOn(auth, 'signIn').and.resolveTo(signInDone);
    const form = element.querySelector('form[data-amplify-form]') as HTMLFormElement;
    const username = form.querySelector('input[name="username"]') as HTMLInputElement;
    const password = form.querySelector('input[name="password"]') as HTMLInputElement;
    username.value = 'alice@example.com';
    username.dispatchEvent(new Event('input', { bubbles: true }));
    password.value = 'Corr3ct!horse';
    password.dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    expect(auth.signIn).toHaveBeenCalledWith(
      jasmine.objectContaining({ username: 'alice@example.com', password: 'Corr3ct!horse' }),
    );
  });

  it('goes to the return URL once signed in', async () => {
    amplify.signInAs();
    const { navigate } = await render({ returnUrl: '/notes/01HZX' });
    expect(navigate).toHaveBeenCalledWith('/notes/01HZX');
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

  it('opens the sign-up tab for /sign-up', async () => {
    const { element } = await render({ mode: 'signUp' });
    expect(element.querySelector('h1')?.textContent).toContain('Create your account');
    expect(TestBed.inject(AuthenticatorService).route).toBe('signUp');
  });
});
