import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Amplify } from 'aws-amplify';
import { defaultRuntimeConfig, localCloud, toAmplifyConfig } from '../../amplify-config';
import { App } from './app';
import { AmplifyAuth } from './auth/amplify-auth';
import { FakeAmplifyAuth } from './auth/testing/fake-amplify-auth';
import { RUNTIME_CONFIG } from './core/runtime-config';

describe('App', () => {
  let amplify: FakeAmplifyAuth;

  beforeEach(async () => {
    amplify = new FakeAmplifyAuth();
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([{ path: 'notes', children: [] }]),
        { provide: RUNTIME_CONFIG, useValue: defaultRuntimeConfig },
        { provide: AmplifyAuth, useValue: amplify },
      ],
    }).compileComponents();
  });

  it('renders the shell: skip link, header with a link home, and the main region', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const brand = page.querySelector('header a.brand');
    expect(brand?.textContent?.trim()).toBe('Notes');
    expect(brand?.getAttribute('href')).toBe('/');
    expect(page.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(page.querySelector('main#main')).not.toBeNull();
  });

  it('moves focus to the main region after an in-app navigation', async () => {
    const fixture = TestBed.createComponent(App);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/');
    await fixture.whenStable();
    await router.navigateByUrl('/notes');
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.activeElement?.id).toBe('main');
  });

  it('marks the current section in the navigation', async () => {
    amplify.signInAs();
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/notes');
    await fixture.whenStable();
    const current = (fixture.nativeElement as HTMLElement).querySelector(
      'nav a[aria-current="page"]',
    );
    expect(current?.textContent?.trim()).toBe('My notes');
  });

  it('configures Amplify with the local pool from amplify-config.ts', () => {
    Amplify.configure(toAmplifyConfig(defaultRuntimeConfig));
    const cognito = Amplify.getConfig().Auth?.Cognito;
    expect(cognito?.userPoolId).toBe(localCloud.userPoolId);
    expect(cognito?.userPoolClientId).toBe(localCloud.userPoolClientId);
    expect(cognito?.userPoolEndpoint).toBe(localCloud.userPoolEndpoint);
  });
});
