import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AmplifyAuth } from '../amplify-auth';
import type { FakeAmplifyAuth } from './fake-amplify-auth';

/** One sign-in entry (the email-code or passkey link and its form) on its own, Amplify faked. */
export interface RenderedEntry {
  readonly element: HTMLElement;
  /** Lets the fake's promises, the lazy message table and change detection finish. */
  settle(): Promise<void>;
  /** The button whose text is `name` (exactly), if there is one. */
  button(name: string): HTMLButtonElement;
}

export async function renderEntry(
  component: Type<unknown>,
  amplify: FakeAmplifyAuth,
): Promise<RenderedEntry> {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: AmplifyAuth, useValue: amplify }],
  });
  const fixture = TestBed.createComponent(component);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await fixture.whenStable();
  };
  const button = (name: string) =>
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  return { element, settle, button };
}
