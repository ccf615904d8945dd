import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { defaultRuntimeConfig, type RuntimeConfig } from '../../../../amplify-config';
import { activatedRoute } from '../../core/testing/activated-route';
import { RUNTIME_CONFIG } from '../../core/runtime-config';
import { AmplifyAuth } from '../amplify-auth';
import { SignIn } from '../sign-in';
import type { FakeAmplifyAuth } from './fake-amplify-auth';

/** The sign-in page under test, with Amplify faked and the router's navigation recorded. */
export interface SignInPage {
  readonly fixture: ComponentFixture<SignIn>;
  readonly element: HTMLElement;
  /** Every URL the page navigated to. */
  readonly navigations: readonly string[];
  /** Lets the fake's promises and the page's change detection finish. */
  settle(): Promise<void>;
  /** Types into the field labelled `label` (exactly), as a person would. */
  type(label: string, value: string): void;
  /** Clicks the button whose text is `text` (exactly). */
  click(text: string): Promise<void>;
  /** The text of the current screen's heading. */
  heading(): string;
  /** What the screen's role="alert" says, if anything. */
  alert(): string | undefined;
}

export async function renderSignIn(
  amplify: FakeAmplifyAuth,
  options: {
    mode?: 'signIn' | 'signUp';
    returnUrl?: string;
    config?: Partial<RuntimeConfig>;
  } = {},
): Promise<SignInPage> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', children: [] }]),
      activatedRoute({
        data: { mode: options.mode ?? 'signIn' },
        queryParams: options.returnUrl ? { returnUrl: options.returnUrl } : {},
      }),
      { provide: AmplifyAuth, useValue: amplify },
      { provide: RUNTIME_CONFIG, useValue: { ...defaultRuntimeConfig, ...options.config } },
    ],
  });
  const navigations: string[] = [];
  TestBed.inject(Router).navigateByUrl = (url) => {
    navigations.push(url.toString());
    return Promise.resolve(true);
  };
  const fixture = TestBed.createComponent(SignIn);
  const element = fixture.nativeElement as HTMLElement;
  /** A few turns, then until no screen is busy (a failure first loads the message table). */
  const settle = async () => {
    const deadline = Date.now() + 2000;
    for (let turn = 0; turn < 5 || element.querySelector('[aria-busy="true"]'); turn++) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, turn < 5 ? 0 : 10));
      await fixture.whenStable();
    }
  };
  const field = (label: string): HTMLInputElement => {
    const labelElement = [...element.querySelectorAll('label')].find(
      (candidate) => candidate.textContent?.trim() === label,
    );
    const input = labelElement?.htmlFor
      ? element.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`)
      : labelElement?.querySelector('input');
    if (!input) throw new Error(`no field labelled "${label}"`);
    return input;
  };
  await settle();
  return {
    fixture,
    element,
    navigations,
    settle,
    type(label, value) {
      const input = field(label);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      fixture.detectChanges();
    },
    async click(text) {
      const button = [...element.querySelectorAll('button')].find(
        (candidate) => candidate.textContent?.trim() === text,
      );
      if (!button) throw new Error(`no button "${text}"`);
      button.click();
      await settle();
    },
    heading: () =>
      element.querySelector('[data-testid="sign-in-flow"] h2')?.textContent?.trim() ?? '',
    alert: () => element.querySelector('[role="alert"]')?.textContent?.trim(),
  };
}
