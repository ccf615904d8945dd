import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Amplify } from 'aws-amplify';
import { defaultRuntimeConfig, localCloud, toAmplifyConfig } from '../../amplify-config';
import { App } from './app';
import { RUNTIME_CONFIG } from './core/runtime-config';

describe('App', () => {
  beforeEach(async () => {
    Amplify.configure(toAmplifyConfig(defaultRuntimeConfig));
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), { provide: RUNTIME_CONFIG, useValue: defaultRuntimeConfig }],
    }).compileComponents();
  });

  it('renders the shell with a link home', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const brand = (fixture.nativeElement as HTMLElement).querySelector('header a.brand');
    expect(brand?.textContent?.trim()).toBe('Notes');
    expect(brand?.getAttribute('href')).toBe('/');
  });

  it('configures Amplify with the local pool from amplify-config.ts', () => {
    const cognito = Amplify.getConfig().Auth?.Cognito;
    expect(cognito?.userPoolId).toBe(localCloud.userPoolId);
    expect(cognito?.userPoolClientId).toBe(localCloud.userPoolClientId);
    expect(cognito?.userPoolEndpoint).toBe(localCloud.userPoolEndpoint);
  });
});
