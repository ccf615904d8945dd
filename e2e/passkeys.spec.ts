import { expect, test, type Page } from '@playwright/test';
import { newEmail, readCode } from './fixtures.ts';
import {
  checkScreen,
  confirmCode,
  newSignedInPerson,
  signInScreen,
  signOut,
  watchConsole,
} from './helpers.ts';

/**
 * Chromium's virtual authenticator (DevTools protocol, `WebAuthn` domain): a platform authenticator
 * with resident keys and user verification, which answers `navigator.credentials.create/get` as a
 * phone's or laptop's would, without a prompt. The local pool's relying party is `localhost` and
 * the e2e site is `http://localhost:<port>`, an origin WebAuthn and the pool both accept.
 */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return {
    /** The passkeys this device holds (the browser's side; Cognito keeps only public keys). */
    credentials: async () =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

async function openProfile(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
}

/**
 * Signs up with no password (the emailed confirmation code is the only proof) and returns once
 * the app has signed the person in; it lands on the profile's passkey offer.
 */
async function signUpWithoutPassword(page: Page, email: string): Promise<void> {
  const since = new Date().toISOString();
  await page.goto('/sign-up');
  const form = signInScreen(page);
  await form.getByRole('button', { name: 'Create an account without a password' }).click();
  await form.getByLabel('Email').fill(email);
  await expect(form.getByLabel('Password', { exact: true })).toHaveCount(0);
  await form.getByRole('button', { name: 'Create Account' }).click();
  await expect(form.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await confirmCode(page, await readCode(email, since));
}

for (const width of [1280, 390]) {
  test(`at ${width} px a person signs up without a password, adds the passkey offered, signs in with it alone, and removes it`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    const errors = watchConsole(page);
    const device = await addVirtualAuthenticator(page);
    const email = newEmail(`passkey${width}`);
    await signUpWithoutPassword(page, email);

    // A new passwordless account lands on the offer, which has the focus.
    await expect(page).toHaveURL(/\/profile\?addPasskey=1$/);
    const offer = page.getByRole('region', {
      name: 'Add a passkey so you can sign in without waiting for a code',
    });
    await expect(offer.getByRole('heading')).toBeFocused();
    await expect(page.getByTestId('no-passkeys')).toHaveText('You have no passkeys yet.');
    await checkScreen(page, `passkeys-${width}-10-offer`);

    await offer.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Passkey added' })).toHaveText(
      'Passkey added: “Passkey 1”. You can now sign in with it.',
    );
    await expect(offer).toBeHidden();
    await expect(page).toHaveURL(/\/profile$/);
    const list = page.getByRole('list', { name: 'Your passkeys' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem')).toContainText('Passkey 1');
    await expect(list.getByRole('listitem')).toContainText(/Added .*\d/);
    // An `internal` authenticator is a platform one: Cognito reports AuthenticatorAttachment.
    await expect(list.getByRole('listitem')).toContainText('Built into a device');
    expect(await device.credentials()).toHaveLength(1);
    if (width < 500) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
    }
    await checkScreen(page, `passkeys-${width}-11-added`);

    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in to your notes' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const box = page.getByRole('region', { name: 'Sign in with a passkey' });
    await box.getByLabel('Email').fill(email);
    await checkScreen(page, `passkeys-${width}-12-sign-in`);
    await box.getByRole('button', { name: 'Use my passkey' }).click();
    await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();

    await openProfile(page);
    await list.getByRole('button', { name: 'Remove Passkey 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this passkey?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await checkScreen(page, `passkeys-${width}-13-confirm-remove`);
    await dialog.getByRole('button', { name: 'Remove passkey' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText('“Passkey 1” is removed: it no longer signs you in.'),
    ).toBeVisible();
    await expect(page.getByTestId('no-passkeys')).toBeVisible();

    // The device still holds the passkey, but Cognito no longer accepts it.
    await signOut(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await box.getByLabel('Email').fill(email);
    await box.getByRole('button', { name: 'Use my passkey' }).click();
    await expect(box.getByRole('alert')).toHaveText(/This account has no passkey yet\./);
    expect(errors).toEqual([]);
  });
}

test('signing in with a passkey for an account that has none says so, in words', async ({
  page,
}) => {
  await addVirtualAuthenticator(page);
  const email = newEmail('nopasskey');
  await newSignedInPerson(page, email);
  await signOut(page);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  const box = page.getByRole('region', { name: 'Sign in with a passkey' });
  await box.getByLabel('Email').fill(email);
  await box.getByRole('button', { name: 'Use my passkey' }).click();
  const alert = box.getByRole('alert');
  await expect(alert).toHaveText(
    'This account has no passkey yet. Sign in with your password or an emailed code, then add a passkey in your profile.',
  );
  await expect(box.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'passkeys-20-none-refused');
});
