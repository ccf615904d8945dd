import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AmplifyAuth } from './amplify-auth';
import { redirectSignedIn, requireAdmin, requireSession } from './guards';
import { FakeAmplifyAuth } from './testing/fake-amplify-auth';

@Component({ selector: 'app-page', template: '' })
class Page {}

describe('route guards', () => {
  let amplify: FakeAmplifyAuth;

  function router(): Router {
    TestBed.configureTestingModule({
      providers: [
        { provide: AmplifyAuth, useValue: amplify },
        provideRouter([
          {
            path: 'notes',
            canActivate: [requireSession],
            children: [{ path: '**', component: Page }],
          },
          { path: 'sign-in', canActivate: [redirectSignedIn], component: Page },
          { path: 'profile', canActivate: [requireSession], component: Page },
          { path: 'admin', canActivate: [requireAdmin], component: Page },
        ]),
      ],
    });
    return TestBed.inject(Router);
  }

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  it('lets a signed-in person open their notes', async () => {
    amplify.signInAs();
    const r = router();
    await r.navigateByUrl('/notes/01HZX');
    expect(r.url).toBe('/notes/01HZX');
  });

  it('sends a signed-out person to sign-in, keeping the URL they asked for', async () => {
    const r = router();
    await r.navigateByUrl('/notes/01HZX/edit');
    expect(r.url).toBe('/sign-in?returnUrl=%2Fnotes%2F01HZX%2Fedit');
  });

  it('sends a signed-in person from sign-in to their notes', async () => {
    amplify.signInAs();
    const r = router();
    await r.navigateByUrl('/sign-in');
    expect(r.url).toBe('/notes');
  });

  it('honours the return URL when a signed-in person lands on sign-in', async () => {
    amplify.signInAs();
    const r = router();
    await r.navigateByUrl('/sign-in?returnUrl=%2Fprofile');
    expect(r.url).toBe('/profile');
  });

  it('ignores a return URL that points to another site', async () => {
    amplify.signInAs();
    const r = router();
    await r.navigateByUrl('/sign-in?returnUrl=%2F%2Fevil.example%2Fsteal');
    expect(r.url).toBe('/notes');
  });

  it('lets a signed-out person see the sign-in page', async () => {
    const r = router();
    await r.navigateByUrl('/sign-in');
    expect(r.url).toBe('/sign-in');
  });

  it('lets a member of admins (cognito:groups in the ID token) open the Administration area', async () => {
    amplify.signInAs({ sub: 'admin-sub', email: 'root@example.com', 'cognito:groups': ['admins'] });
    const r = router();
    await r.navigateByUrl('/admin');
    expect(r.url).toBe('/admin');
  });

  it('sends a signed-in non-administrator from /admin to their notes', async () => {
    amplify.signInAs({ sub: 'u', email: 'u@example.com', 'cognito:groups': ['writers'] });
    const r = router();
    await r.navigateByUrl('/admin');
    expect(r.url).toBe('/notes');
  });

  it('sends a signed-out person from /admin to sign-in', async () => {
    const r = router();
    await r.navigateByUrl('/admin');
    expect(r.url).toBe('/sign-in?returnUrl=%2Fadmin');
  });
});
