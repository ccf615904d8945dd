import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { defaultRuntimeConfig } from '../../../amplify-config';
import { describePasswordPolicy, userPool } from '../../../api/pool';
import { AmplifyMfa } from '../auth/amplify-mfa';
import { AmplifyPasskeys } from '../auth/amplify-passkeys';
import { FakeAmplifyPasskeys } from '../auth/testing/fake-amplify-passkeys';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { AuthService } from '../auth/auth';
import { AuthFailure } from '../auth/auth-errors';
import { MeApi } from './me-api';
import { Profile } from './profile';

describe('Profile', () => {
  let me: jasmine.SpyObj<MeApi>;
  let auth: jasmine.SpyObj<Pick<AuthService, 'updatePassword' | 'signOut'>>;

  const greeting = {
    message: 'Hello, 7d0c-uuid with email alice@example.com!',
    claims: {
      sub: '7d0c-uuid',
      email: 'alice@example.com',
      token_use: 'id',
      'cognito:username': '7d0c-uuid',
      aud: 'client',
    },
  };

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: MeApi, useValue: me },
        { provide: AuthService, useValue: auth },
        { provide: AmplifyMfa, useValue: { fetchMfaPreference: () => Promise.resolve({}) } },
        { provide: AmplifyPasskeys, useValue: new FakeAmplifyPasskeys() },
        { provide: RUNTIME_CONFIG, useValue: defaultRuntimeConfig },
      ],
    });
    const fixture = TestBed.createComponent(Profile);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  function type(element: HTMLElement, id: string, value: string) {
    const input = element.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  beforeEach(() => {
    me = jasmine.createSpyObj<MeApi>('MeApi', ['get']);
    me.get.and.returnValue(of(greeting));
    auth = jasmine.createSpyObj('AuthService', ['updatePassword', 'signOut'], {
      user: signal({ userId: '7d0c-uuid', email: 'alice@example.com' }),
    });
    auth.signOut.and.resolveTo();
  });

  it('greets the person by email and keeps the verified claims under "What the API sees"', async () => {
    me.get.and.returnValue(
      of({ ...greeting, claims: { ...greeting.claims, auth_time: '1795000000' } }),
    );
    const { element } = await render();
    expect(element.querySelector('[data-testid="greeting"]')?.textContent?.trim()).toBe(
      'Signed in as alice@example.com',
    );
    const details = element.querySelector('details')!;
    expect(details.open).toBeFalse();
    expect(details.querySelector('summary')?.textContent).toBe('What the API sees');
    const terms = [...details.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(terms).toEqual(['Email', 'User id (sub)', 'Username', 'Token type', 'Signed in at']);
    const signedInAt = [...details.querySelectorAll('dd')].at(-1)?.textContent;
    expect(signedInAt).not.toContain('1795000000');
    expect(signedInAt).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(1795000000 * 1000),
      ),
    );
  });

  it('says what signing out everywhere really does (tokens already issued live on)', async () => {
    const { element } = await render();
    expect(element.textContent).toContain('up to an hour');
  });

  it('checks the whole password policy before calling Cognito', async () => {
    const { fixture, element } = await render();
    type(element, 'current-password', 'Old-Passw0rd!');
    type(element, 'new-password', 'Ab1-x');
    type(element, 'confirm-password', 'Ab1-x');
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(auth.updatePassword).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'The password needs at least 8 characters.',
    );
  });

  it('hints the password rules of the declared pool (api/pool.ts), not a copy of them', async () => {
    const { element } = await render();
    const hint = element.querySelector('#new-password-hint')?.textContent?.trim();
    expect(hint).toBe(describePasswordPolicy(userPool.passwordPolicy));
    expect(hint).toContain(`At least ${userPool.passwordPolicy.minimumLength} characters`);
  });

  it('reports a failed GET /me with a retry', async () => {
    me.get.and.returnValues(
      throwError(() => new HttpErrorResponse({ status: 502 })),
      of(greeting),
    );
    const { fixture, element } = await render();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The server had a problem',
    );
    (element.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="api-claims"]')?.textContent).toContain(
      'alice@example.com',
    );
  });

  it('changes the password and clears the fields', async () => {
    auth.updatePassword.and.resolveTo();
    const { fixture, element } = await render();
    type(element, 'current-password', 'Old!pass1');
    type(element, 'new-password', 'N3w!pass22');
    type(element, 'confirm-password', 'N3w!pass22');
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(auth.updatePassword).toHaveBeenCalledWith({
      oldPassword: 'Old!pass1',
      newPassword: 'N3w!pass22',
    });
    expect(element.querySelector('.success')?.textContent).toContain(
      'Your password has been changed.',
    );
    expect((element.querySelector('#new-password') as HTMLInputElement).value).toBe('');
  });

  it('refuses mismatched new passwords without calling Cognito', async () => {
    const { fixture, element } = await render();
    type(element, 'current-password', 'Old!pass1');
    type(element, 'new-password', 'N3w!pass22');
    type(element, 'confirm-password', 'N3w!pass23');
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(auth.updatePassword).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The new passwords do not match.',
    );
  });

  it('shows the human message when Cognito refuses the change', async () => {
    auth.updatePassword.and.rejectWith(
      new AuthFailure('NotAuthorizedException', 'Your current password is not correct.'),
    );
    const { fixture, element } = await render();
    type(element, 'current-password', 'wrong');
    type(element, 'new-password', 'N3w!pass22');
    type(element, 'confirm-password', 'N3w!pass22');
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Your current password is not correct.',
    );
  });

  it('signs out here, or everywhere', async () => {
    const { element } = await render();
    const [here, everywhere] = [
      ...element.querySelectorAll('section[aria-labelledby="sign-out-title"] button'),
    ] as HTMLButtonElement[];
    here.click();
    expect(auth.signOut).toHaveBeenCalledWith({ global: false });
    await Promise.resolve();
    everywhere.click();
    expect(auth.signOut).toHaveBeenCalledWith({ global: true });
  });
});
