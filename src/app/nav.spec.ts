import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AmplifyAuth } from './auth/amplify-auth';
import { AuthService } from './auth/auth';
import { FakeAmplifyAuth } from './auth/testing/fake-amplify-auth';
import { Nav } from './nav';

describe('Nav', () => {
  let amplify: FakeAmplifyAuth;

  async function render(url = '/') {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: AmplifyAuth, useValue: amplify }],
    });
    await TestBed.inject(AuthService).whenReady();
    const fixture = TestBed.createComponent(Nav);
    fixture.componentRef.setInput('url', url);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const linkTexts = (element: HTMLElement) =>
    [...element.querySelectorAll('nav a, nav button')].map((e) => e.textContent?.trim());

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  it('offers sign-in to a signed-out person', async () => {
    expect(linkTexts(await render())).toEqual(['Sign in']);
  });

  it('offers notes, profile and sign-out to a signed-in person, marking the current section', async () => {
    amplify.signInAs();
    const element = await render('/profile');
    expect(linkTexts(element)).toEqual(['My notes', 'Profile', 'Sign out']);
    expect(element.querySelector('a[aria-current="page"]')?.textContent?.trim()).toBe('Profile');
  });

  it('signs out from the header', async () => {
    amplify.signInAs();
    const element = await render('/notes');
    const auth = TestBed.inject(AuthService);
    spyOn(auth, 'signOut').and.resolveTo();
    (element.querySelector('nav button') as HTMLButtonElement).click();
    expect(auth.signOut).toHaveBeenCalledWith();
  });

  it('shows Administration only to members of admins', async () => {
    amplify.signInAs({ sub: 'a', email: 'root@example.com', 'cognito:groups': ['admins'] });
    expect(linkTexts(await render('/admin'))).toEqual([
      'My notes',
      'Profile',
      'Administration',
      'Sign out',
    ]);
  });
});
