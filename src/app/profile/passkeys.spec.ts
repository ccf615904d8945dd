import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { AmplifyPasskeys } from '../auth/amplify-passkeys';
import { amplifyError } from '../auth/testing/fake-amplify-auth';
import { FakeAmplifyPasskeys, passkey } from '../auth/testing/fake-amplify-passkeys';
import { exactTime } from '../core/date-time';
import { Passkeys } from './passkeys';

/** A browser refusal as Amplify reports it (a `PasskeyError` with Amplify's code as its name). */
const passkeyError = (name: string) => amplifyError(name, 'Passkey ceremony failed');

describe('Passkeys (Profile → Security)', () => {
  let amplify: FakeAmplifyPasskeys;

  async function render(query: Record<string, string> = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AmplifyPasskeys, useValue: amplify },
        {
          provide: ActivatedRoute,
          useValue: { snapshot: { queryParamMap: convertToParamMap(query) } },
        },
      ],
    });
    const router = TestBed.inject(Router);
    const navigate = spyOn(router, 'navigate').and.resolveTo(true);
    const fixture = TestBed.createComponent(Passkeys);
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fixture.whenStable();
    };
    await settle();
    const buttons = (name: string) =>
      [...element.querySelectorAll('button')].filter((b) => b.textContent?.trim() === name);
    const button = (name: string) => buttons(name)[0]!;
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    const dialog = () => element.querySelector('dialog')!;
    return { element, settle, buttons, button, text, dialog, navigate };
  }

  beforeEach(() => {
    amplify = new FakeAmplifyPasskeys();
    // Chromium headless has WebAuthn and Karma's page is a secure context (localhost).
    expect(typeof window.PublicKeyCredential).toBe('function');
  });

  it('says so when the person has no passkey yet', async () => {
    const { element, button } = await render();
    expect(element.querySelector('[data-testid="no-passkeys"]')?.textContent).toContain(
      'You have no passkeys yet.',
    );
    expect(button('Add a passkey')).toBeTruthy();
  });

  it('lists each passkey with its name, creation date and where it lives', async () => {
    amplify.credentials = [
      passkey('a', 'Passkey 1', '2026-11-30T10:00:00Z', 'platform'),
      passkey('b', 'YubiKey', '2026-12-01T09:30:00Z', 'cross-platform'),
      passkey('c', 'Old one', '2026-10-01T09:30:00Z'),
    ];
    const { element } = await render();
    const items = [...element.querySelectorAll('ul[aria-label="Your passkeys"] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(items.length).toBe(3);
    expect(items[0]).toContain('Passkey 1');
    expect(items[0]).toContain(`Added ${exactTime('2026-11-30T10:00:00.000Z')}`);
    expect(items[0]).toContain('Built into a device');
    expect(items[1]).toContain('Security key or phone');
    expect(items[2]).not.toContain('·');
    const remove = element.querySelector<HTMLButtonElement>('button[aria-label="Remove YubiKey"]');
    expect(remove?.textContent?.trim()).toBe('Remove');
  });

  it('adds a passkey and shows the one Cognito registered, by its name', async () => {
    const view = await render();
    view.button('Add a passkey').click();
    await view.settle();
    expect(view.text()).toContain('Passkey added: “Passkey 2”. You can now sign in with it.');
    expect(view.text()).toContain('Passkey 2');
    expect(view.element.querySelector('[data-testid="no-passkeys"]')).toBeNull();
  });

  it('explains a cancelled or failed ceremony in the app’s words and adds nothing', async () => {
    amplify.associateError = passkeyError('PasskeyRegistrationCanceled');
    const view = await render();
    view.button('Add a passkey').click();
    await view.settle();
    expect(view.element.querySelector('[role="alert"]')?.textContent).toContain(
      'No passkey was added: the request was cancelled or your device could not create one.',
    );
    expect(amplify.credentials.length).toBe(0);

    amplify.associateError = passkeyError('PasskeyAlreadyExists');
    view.button('Add a passkey').click();
    await view.settle();
    expect(view.element.querySelector('[role="alert"]')?.textContent).toContain(
      'This device already has a passkey for your account.',
    );
  });

  it('removes a passkey only after the confirmation', async () => {
    amplify.credentials = [passkey('a', 'Passkey 1', '2026-11-30T10:00:00Z')];
    const view = await render();
    const dialog = view.dialog();
    spyOn(dialog, 'showModal').and.callFake(() => dialog.setAttribute('open', ''));
    spyOn(dialog, 'close').and.callFake(() => dialog.removeAttribute('open'));

    view.button('Remove').click();
    await view.settle();
    expect(dialog.hasAttribute('open')).toBeTrue();
    expect(dialog.textContent).toContain('You will no longer be able to sign in with “Passkey 1”');
    // The safe choice has the focus when the dialog opens.
    expect(dialog.querySelector('button[autofocus]')?.textContent?.trim()).toBe('Cancel');

    view.button('Cancel').click();
    await view.settle();
    expect(amplify.deleted).toEqual([]);

    view.button('Remove').click();
    view.button('Remove passkey').click();
    await view.settle();
    expect(amplify.deleted).toEqual(['a']);
    expect(dialog.hasAttribute('open')).toBeFalse();
    expect(view.text()).toContain('“Passkey 1” is removed: it no longer signs you in.');
    expect(view.element.querySelector('[data-testid="no-passkeys"]')).not.toBeNull();
  });

  it('says so when the passkey was already removed elsewhere, and shows the true list', async () => {
    amplify.credentials = [passkey('a', 'Passkey 1', '2026-11-30T10:00:00Z')];
    const view = await render();
    amplify.deleteError = amplifyError('ResourceNotFoundException', 'Credential not found');
    amplify.credentials = [];
    view.button('Remove').click();
    view.button('Remove passkey').click();
    await view.settle();
    expect(view.element.querySelector('[role="alert"]')?.textContent).toContain(
      'That passkey has already been removed.',
    );
    expect(view.element.querySelector('[data-testid="no-passkeys"]')).not.toBeNull();
  });

  it('reports a list that cannot be read, with a retry', async () => {
    amplify.listError = amplifyError('NetworkError', 'Network error');
    const view = await render();
    expect(view.text()).toContain('Cannot reach the sign-in service.');
    amplify.listError = null;
    view.button('Try again').click();
    await view.settle();
    expect(view.text()).toContain('You have no passkeys yet.');
  });

  it('with ?addPasskey=1 offers a passkey first; "Not now" hides the offer', async () => {
    const view = await render({ addPasskey: '1' });
    const offer = view.element.querySelector('[role="region"]')!;
    expect(offer.textContent).toContain(
      'Add a passkey so you can sign in without waiting for a code',
    );
    // One "Add a passkey" button while the offer is shown.
    expect(view.buttons('Add a passkey').length).toBe(1);
    view.button('Not now').click();
    await view.settle();
    expect(view.element.querySelector('[role="region"]')).toBeNull();
    expect(view.navigate).toHaveBeenCalledWith(
      [],
      jasmine.objectContaining({ queryParams: { addPasskey: null }, replaceUrl: true }),
    );
    expect(amplify.credentials.length).toBe(0);
  });

  it('with ?addPasskey=1, "Add a passkey" in the offer adds one and closes the offer', async () => {
    const view = await render({ addPasskey: '1' });
    view.button('Add a passkey').click();
    await view.settle();
    expect(amplify.credentials.length).toBe(1);
    expect(view.element.querySelector('[role="region"]')).toBeNull();
    expect(view.text()).toContain('Passkey added');
  });
});
