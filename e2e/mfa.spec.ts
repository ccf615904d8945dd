import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { goodPassword, newEmail, readCode } from './fixtures.ts';
import { signInScreen, checkScreen, newSignedInPerson, signIn, signOut } from './helpers.ts';

/** What an authenticator app shows for `secret`, `offsetSteps` 30-second steps from now. */
function appCode(secret: string, offsetSteps = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
}

test('a person turns on an authenticator app, signs out, and signs in with password plus its code', async ({
  page,
}) => {
  const email = newEmail('totp');
  await newSignedInPerson(page, email);
  await openSecurity(page);
  await expect(page.getByTestId('totp-status')).toHaveText(/Off/);
  await checkScreen(page, 'mfa-40-security-off');

  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await checkScreen(page, 'mfa-41-totp-setup');

  // A code from ten minutes ago is refused, in the app's words.
  await page.getByLabel('Code from the app').fill(appCode(secret, -20));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That code is not right. Enter the 6-digit code your authenticator app shows now.',
  );
  await page.getByLabel('Code from the app').fill(appCode(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByTestId('totp-status')).toHaveText(/On/);
  await checkScreen(page, 'mfa-42-security-totp-on');

  await signOut(page);
  await signIn(page, email);
  const form = signInScreen(page);
  await expect(
    form.getByRole('heading', { name: 'Enter the code from your authenticator app' }),
  ).toBeVisible();
  await checkScreen(page, 'mfa-43-sign-in-totp');

  await form.getByRole('textbox', { name: 'Code' }).fill(appCode(secret, -20));
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expect(form.getByText('That code is not right.', { exact: false })).toBeVisible();
  await checkScreen(page, 'mfa-44-sign-in-wrong-code');

  // The enrolment used this step's code and each code works once: the app's next one is accepted
  // (one step of clock skew), so the test never waits for a new 30-second window.
  await form.getByRole('textbox', { name: 'Code' }).fill(appCode(secret, 1));
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();

  // And off again: the password alone signs in.
  await openSecurity(page);
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await expect(page.getByTestId('totp-status')).toHaveText(/Off/);
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('another person turns on email codes and signs in with the code from the email', async ({
  page,
}) => {
  const email = newEmail('emailmfa');
  await newSignedInPerson(page, email);
  await openSecurity(page);
  await page.getByRole('button', { name: 'Turn on email codes' }).click();
  await expect(page.getByTestId('email-status')).toHaveText(/On/);

  await signOut(page);
  const since = new Date().toISOString();
  await signIn(page, email, goodPassword);
  const form = signInScreen(page);
  await expect(form.getByRole('heading', { name: 'Enter the code we emailed you' })).toBeVisible();
  await checkScreen(page, 'mfa-45-sign-in-email-code');
  const code = await readCode(email, since, /^\d{8}$/);
  await form.getByRole('textbox', { name: 'Code' }).fill(code);
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('a person with both factors chooses one at sign-in', async ({ page }) => {
  const email = newEmail('bothmfa');
  await newSignedInPerson(page, email);
  await openSecurity(page);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(appCode(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByTestId('totp-status')).toHaveText(/On/);
  await page.getByRole('button', { name: 'Turn on email codes' }).click();
  await expect(page.getByTestId('email-status')).toHaveText(/On/);
  // The app was the first factor, so it is preferred; asking each time leads to Cognito's choice.
  await expect(page.getByLabel('A code from my authenticator app')).toBeChecked();
  await page.getByLabel('Ask me each time').check();
  await expect(page.getByText('We will ask which one at each sign-in.')).toBeVisible();
  await checkScreen(page, 'mfa-46-security-both');

  await signOut(page);
  await signIn(page, email);
  const form = signInScreen(page);
  await expect(
    form.getByRole('heading', { name: 'Two-step sign-in: how do you want to confirm it’s you?' }),
  ).toBeVisible();
  await checkScreen(page, 'mfa-47-sign-in-choose-factor');
  await form.getByLabel('A code from my authenticator app').check();
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expect(
    form.getByRole('heading', { name: 'Enter the code from your authenticator app' }),
  ).toBeVisible();
  await form.getByRole('textbox', { name: 'Code' }).fill(appCode(secret, 1));
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('setting up an authenticator app and entering its code at sign-in fit the width', async ({
    page,
  }) => {
    const fits = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
    const email = newEmail('phonemfa');
    await newSignedInPerson(page, email);
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await fits();
    await checkScreen(page, 'mfa-50-phone-totp-setup');
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from the app').fill(appCode(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await expect(page.getByTestId('totp-status')).toHaveText(/On/);

    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await page.goto('/sign-in');
    await signIn(page, email);
    await expect(
      signInScreen(page).getByRole('heading', {
        name: 'Enter the code from your authenticator app',
      }),
    ).toBeVisible();
    await fits();
    await checkScreen(page, 'mfa-51-phone-sign-in-totp');
  });
});
