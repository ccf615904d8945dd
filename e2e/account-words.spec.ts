import { expect, test } from '@playwright/test';
import { goodPassword, newEmail, readCode } from './fixtures.ts';
import { signInScreen, checkScreen, confirmCode, newSignedInPerson, signUp } from './helpers.ts';

test('the profile greets by email, keeps the claims folded away with readable dates, and says what signing out everywhere does', async ({
  page,
}) => {
  const email = newEmail('profile');
  await newSignedInPerson(page, email);
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByTestId('greeting')).toHaveText(`Signed in as ${email}`);
  await expect(page.getByText(/Hello, .* with email/)).toHaveCount(0);

  const claims = page.getByTestId('api-claims');
  await expect(claims).toBeHidden();
  await page.getByText('What the API sees').click();
  await expect(claims).toBeVisible();
  await expect(claims).toContainText(email);
  await expect(claims).toContainText('Signed in at');
  await expect(claims).not.toContainText(/\b1\d{9}\b/);
  await expect(
    page.getByText(/up to an hour, until its current sign-in token expires/),
  ).toBeVisible();
  await checkScreen(page, '53-profile-api-view');

  // A 5-character password: the pool's rules, in words, and Cognito is not even asked.
  const cognitoCalls: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['x-amz-target']?.endsWith('ChangePassword')) cognitoCalls.push('call');
  });
  await page.getByLabel('Current password').fill(goodPassword);
  await page.getByLabel('New password', { exact: true }).fill('Ab1-x');
  await page.getByLabel('Repeat new password').fill('Ab1-x');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('The password needs at least 8 characters.');
  await expect(page.getByText(/validation error|proposedPassword/)).toHaveCount(0);
  expect(cognitoCalls).toEqual([]);
});

test('confirming sign-up names the address once, offers to change it, and asks for digits', async ({
  page,
}) => {
  const wrongEmail = newEmail('typo');
  await signUp(page, wrongEmail);
  const form = signInScreen(page);
  await expect(form.getByText(`We sent a confirmation code to ${wrongEmail}`)).toBeVisible();
  // Amplify's masked repeat of the address ("t***@e***") is not shown beside ours.
  await expect(form.getByText(/\*\*\*/)).toBeHidden();
  await expect(form.getByLabel('Confirmation Code')).toHaveAttribute('inputmode', 'numeric');
  await expect(form.getByLabel('Confirmation Code')).toHaveAttribute(
    'autocomplete',
    'one-time-code',
  );

  // Wrong address: back to the sign-up form, and a new account with the right one.
  await form.getByRole('button', { name: 'Change it' }).click();
  await expect(form.getByRole('button', { name: 'Create Account' })).toBeVisible();
  const email = newEmail('fixed');
  const since = new Date().toISOString();
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(goodPassword);
  await form.getByLabel('Confirm Password').fill(goodPassword);
  await form.getByRole('button', { name: 'Create Account' }).click();
  await expect(form.getByText(`We sent a confirmation code to ${email}`)).toBeVisible();
  await confirmCode(page, await readCode(email, since));
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
});

test('resetting a password says where the code went, offers a way back, and confirms the change', async ({
  page,
}) => {
  const email = newEmail('reset');
  await newSignedInPerson(page, email);
  await page.getByRole('button', { name: 'Sign out' }).click();
  const form = signInScreen(page);

  // "Back to sign in" from the code step.
  await form.getByRole('button', { name: 'Forgot your password?' }).click();
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Send code' }).click();
  await expect(
    form.getByText(`If an account exists for ${email}, we have emailed it`),
  ).toBeVisible();
  await expect(form.getByRole('textbox', { name: /^Code/ })).toHaveAttribute(
    'inputmode',
    'numeric',
  );
  await checkScreen(page, '54-reset-code-sent');
  await form.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(form.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // The whole reset, then a confirmation on the sign-in form.
  await form.getByRole('button', { name: 'Forgot your password?' }).click();
  const since = new Date().toISOString();
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Send code' }).click();
  const code = await readCode(email, since);
  const newPassword = `${goodPassword}-renewed`;
  await form.getByRole('textbox', { name: /^Code/ }).fill(code);
  await form.getByLabel('New Password', { exact: true }).fill(newPassword);
  await form.getByLabel('Confirm Password').fill(newPassword);
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(
    page.getByText('Your password has been changed. Sign in with your new password.'),
  ).toBeVisible();
  await checkScreen(page, '55-reset-done');
});
