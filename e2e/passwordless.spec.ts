import { expect, test } from '@playwright/test';
import { newEmail, readCode } from './fixtures.ts';
import {
  checkScreen,
  confirmCode,
  newSignedInPerson,
  signInScreen,
  watchConsole,
} from './helpers.ts';

test('a person signs in with a code emailed to them, no password, after a wrong code', async ({
  page,
}) => {
  const email = newEmail('emailcode');
  await newSignedInPerson(page, email);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await expect(page.getByRole('heading', { name: 'Sign in to your notes' })).toBeVisible();

  await page.getByRole('button', { name: 'Email me a code instead' }).click();
  const box = page.getByRole('region', { name: 'Sign in with an emailed code' });
  await box.getByLabel('Email').fill(email);
  const since = new Date().toISOString();
  await box.getByRole('button', { name: 'Email me a code' }).click();
  await expect(box.getByRole('status')).toContainText(email);
  const code = await readCode(email, since, /^\d{8}$/);
  const field = box.getByLabel('Code');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await checkScreen(page, 'email-code-sign-in');

  // Cognito keeps the session after a wrong answer, so the right code still works.
  await field.fill(code === '00000000' ? '11111111' : '00000000');
  await box.getByRole('button', { name: 'Sign in' }).click();
  await expect(box.getByRole('alert')).toContainText('That code is not right');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, 'email-code-wrong');

  await field.fill(code);
  await box.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('at 390 px the emailed-code form fits and is axe clean', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Email me a code instead' }).click();
  const box = page.getByRole('region', { name: 'Sign in with an emailed code' });
  await expect(box.getByLabel('Email')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await checkScreen(page, 'email-code-390');
});

test('a person creates an account without a password, confirms it with the mailed code, is signed in and offered a passkey', async ({
  page,
}) => {
  const consoleErrors = watchConsole(page);
  const email = newEmail('nopassword');
  await page.goto('/sign-up');
  const screen = signInScreen(page);
  await screen.getByRole('button', { name: 'Create an account without a password' }).click();
  await expect(screen.getByRole('heading', { name: 'Without a password' })).toBeVisible();
  await expect(screen.getByLabel('Password', { exact: true })).toHaveCount(0);
  await checkScreen(page, 'passwordless-sign-up');
  await screen.getByLabel('Email').fill(email);
  const since = new Date().toISOString();
  await screen.getByRole('button', { name: 'Create Account' }).click();
  await expect(screen.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(screen.getByText(`We sent a confirmation code to ${email}`)).toBeVisible();
  await confirmCode(page, await readCode(email, since));

  // Signed in by autoSignIn (USER_AUTH with ConfirmSignUp's session), then the passkey offer.
  await expect(page).toHaveURL(/\/profile\?addPasskey=1$/);
  await expect(
    page.getByRole('region', {
      name: 'Add a passkey so you can sign in without waiting for a code',
    }),
  ).toBeVisible();
  await expect(page.getByTestId('greeting')).toHaveText(`Signed in as ${email}`);
  await checkScreen(page, 'passwordless-signed-up-profile');

  // The account has no password: an emailed code signs it in again.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await page.getByRole('button', { name: 'Email me a code instead' }).click();
  const box = page.getByRole('region', { name: 'Sign in with an emailed code' });
  await box.getByLabel('Email').fill(email);
  const again = new Date().toISOString();
  await box.getByRole('button', { name: 'Email me a code' }).click();
  await box.getByLabel('Code').fill(await readCode(email, again, /^\d{8}$/));
  await box.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

// The passwordless sign-up and its confirmation in both themes, desktop and phone: axe clean, no
// sideways scrolling, a screenshot of each.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`passwordless sign-up in the ${colorScheme} theme at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      await page.emulateMedia({ colorScheme });
      const name = (step: string) => `theme-${colorScheme}-${width}-passwordless-${step}`;
      const fits = async () =>
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width,
        );
      await page.goto('/sign-up');
      const screen = signInScreen(page);
      await screen.getByRole('button', { name: 'Create an account without a password' }).click();
      await screen.getByLabel('Email').fill(newEmail(`nopassword-${colorScheme}`));
      await fits();
      await checkScreen(page, name('form'));
      await screen.getByRole('button', { name: 'Create Account' }).click();
      await expect(screen.getByRole('heading', { name: 'Check your email' })).toBeVisible();
      await fits();
      await checkScreen(page, name('confirm'));
    });
  }
}
