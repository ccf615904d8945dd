import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { localCloud } from '../amplify-config.ts';
import { e2eCloud, goodPassword, newEmail, readCode } from './fixtures.ts';
import {
  signInScreen,
  checkScreen,
  confirmCode,
  newSignedInPerson,
  signIn,
  signUp,
} from './helpers.ts';

test('a person who forgot their password resets it with a mailed code and signs in with the new one', async ({
  page,
}) => {
  const email = newEmail('forgetful');
  await newSignedInPerson(page, email);
  await page.getByRole('button', { name: 'Sign out' }).click();

  const form = signInScreen(page);
  await form.getByRole('button', { name: 'Forgot your password?' }).click();
  await checkScreen(page, '30-forgot-password');
  const since = new Date().toISOString();
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Send code' }).click();

  const code = await readCode(email, since);
  await expect(form.getByRole('textbox', { name: /^Code/ })).toBeVisible();
  await checkScreen(page, '31-confirm-reset-password');
  const newPassword = `${goodPassword}-renewed`;
  await form.getByRole('textbox', { name: /^Code/ }).fill(code);
  await form.getByLabel('New Password', { exact: true }).fill(newPassword);
  await form.getByLabel('Confirm Password').fill(newPassword);
  await form.getByRole('button', { name: 'Submit' }).click();

  await signIn(page, email, newPassword);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('a person changes their password on the profile page, then signs out everywhere', async ({
  page,
}) => {
  const email = newEmail('careful');
  await newSignedInPerson(page, email);
  await page.getByRole('link', { name: 'Profile' }).click();

  const newPassword = `${goodPassword}-changed`;
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your current password is not correct.');

  await page.getByLabel('Current password').fill(goodPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  await checkScreen(page, '32-password-changed');

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out on all your devices.');
  await checkScreen(page, '33-signed-out-everywhere');

  await signIn(page, email, newPassword);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('unknown addresses show a page-not-found screen', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Notes');
  await checkScreen(page, '34-page-not-found');
});

test('a person invited by an administrator sets their own password at first sign-in', async ({
  page,
}) => {
  const email = newEmail('invited');
  const temporaryPassword = 'Temp-Passw0rd!';
  const cognito = new CognitoIdentityProviderClient({
    region: localCloud.region,
    endpoint: e2eCloud.cognitoUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: localCloud.userPoolId,
      Username: email,
      TemporaryPassword: temporaryPassword,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  cognito.destroy();

  await page.goto('/sign-in');
  await signIn(page, email, temporaryPassword);
  const form = signInScreen(page);
  await expect(form.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await checkScreen(page, '35-new-password-required');
  await form.getByLabel('New Password', { exact: true }).fill(goodPassword);
  await form.getByLabel('Confirm Password').fill(goodPassword);
  await form.getByRole('button', { name: 'Change Password' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('a person who never confirmed their email is asked for a fresh code when signing in', async ({
  page,
}) => {
  const email = newEmail('unconfirmed');
  await signUp(page, email);
  await page.goto('/');
  await page.goto('/sign-in');
  const since = new Date().toISOString();
  await signIn(page, email);
  await expect(signInScreen(page).getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await confirmCode(page, await readCode(email, since));
  // Confirmed from the sign-in path: signed in with the password just typed, not asked again.
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('"sign out everywhere" also ends the session on another device once its ID token expires', async ({
  browser,
}) => {
  const email = newEmail('two-devices');
  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await newSignedInPerson(laptopPage, email);

  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.clock.install();
  await phonePage.goto('/sign-in');
  await signIn(phonePage, email);
  await expect(phonePage.getByRole('heading', { name: 'My notes' })).toBeVisible();

  await laptopPage.getByRole('link', { name: 'Profile' }).click();
  await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptopPage).toHaveURL(/\/sign-in$/);

  // Two hours later on the phone: its ID token has expired and the revoked refresh token cannot renew it.
  await phonePage.clock.fastForward('02:00:00');
  await phonePage.getByRole('link', { name: 'Profile' }).click();
  await expect(phonePage).toHaveURL(/\/sign-in\?returnUrl=%2Fprofile$/);
  await expect(
    phonePage
      .getByRole('status')
      .filter({ hasText: 'Your session has ended. Please sign in again.' }),
  ).toBeVisible();
  await Promise.all([laptop.close(), phone.close()]);
});
