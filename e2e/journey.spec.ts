import { expect, test } from '@playwright/test';
import { goodPassword, newEmail, readCode } from './fixtures.ts';
import {
  signInScreen,
  checkScreen,
  confirmCode,
  createNote,
  signIn,
  signUp,
  watchConsole,
} from './helpers.ts';

test('a new person signs up, confirms with the mailed code, keeps notes, stays signed in, signs out and back in', async ({
  page,
}) => {
  const consoleErrors = watchConsole(page);
  const email = newEmail('journey');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes, wherever you are' })).toBeVisible();
  await expect(page).toHaveTitle('Notes');
  await checkScreen(page, '01-home');

  // Sign up, then the confirmation step says where the code went and offers to resend it.
  const since = await signUp(page, email);
  await expect(page).toHaveTitle('Create account · Notes');
  const confirmation = signInScreen(page);
  await expect(confirmation.getByText(`We sent a confirmation code to ${email}`)).toBeVisible();
  await expect(confirmation.getByRole('button', { name: 'Resend Code' })).toBeVisible();
  await checkScreen(page, '02-confirm-sign-up');

  await confirmCode(page, await readCode(email, since));

  // Confirmed and signed in: the post-confirmation trigger wrote the welcome note.
  const list = page.getByRole('list', { name: 'Notes, last changed first' }).locator('.heading');
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page).toHaveTitle('My notes · Notes');
  await expect(list).toHaveText(['Welcome to Notes']);
  await checkScreen(page, '03-notes-welcome');

  // Create: the note page shows the content as text, never as HTML.
  await page.getByRole('link', { name: 'New note' }).first().click();
  await checkScreen(page, '04-note-new');
  await page.getByLabel('Title').fill('Groceries');
  await page.getByLabel('Note', { exact: true }).fill('milk\n<b>eggs</b>');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Groceries' })).toBeVisible();
  await expect(page.getByTestId('note-content')).toHaveText('milk\n<b>eggs</b>');
  await expect(page.getByTestId('note-content').locator('b')).toHaveCount(0);
  await expect(page).toHaveTitle('Groceries · Notes');
  await checkScreen(page, '05-note-detail');
  const groceriesUrl = new URL(page.url()).pathname;

  // Edit.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('milk\n<b>eggs</b>');
  await checkScreen(page, '06-note-edit');
  await page.getByLabel('Note', { exact: true }).fill('milk\neggs\nflour');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('note-content')).toHaveText('milk\neggs\nflour');

  // A second note lists first: newest first.
  await page.getByRole('link', { name: 'My notes' }).click();
  await createNote(page, { title: 'Call the bank', content: 'about the card' });
  await page.getByRole('link', { name: 'My notes' }).click();
  await expect(list).toHaveText(['Call the bank', 'Groceries', 'Welcome to Notes']);
  await checkScreen(page, '07-notes-list');

  // Delete, with confirmation.
  await page.getByRole('link', { name: 'Call the bank' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
  await expect(dialog).toBeVisible();
  await checkScreen(page, '08-note-delete-confirm');
  await dialog.getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByText('Note deleted.')).toBeVisible();
  await expect(list).toHaveText(['Groceries', 'Welcome to Notes']);

  // A reload keeps the session.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Groceries' })).toBeVisible();

  // Profile: the greeting is what the backend saw in the verified ID token.
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByTestId('greeting')).toContainText(`Signed in as ${email}`);
  await page.getByText('What the API sees').click();
  await expect(page.getByTestId('api-claims')).toContainText(email);
  await expect(page).toHaveTitle('Profile · Notes');
  await checkScreen(page, '09-profile');

  // Sign out; a protected URL then asks to sign in and returns there afterwards.
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(groceriesUrl);
  await expect(page).toHaveURL(
    new RegExp(`/sign-in\\?returnUrl=${encodeURIComponent(groceriesUrl)}$`),
  );
  await checkScreen(page, '10-sign-in');
  await signIn(page, email);
  await expect(page).toHaveURL(groceriesUrl);
  await expect(page.getByRole('heading', { name: 'Groceries' })).toBeVisible();

  expect(consoleErrors).toEqual([]);
});

test('a weak password, a wrong code and a wrong password are explained; a new code can be sent', async ({
  page,
}) => {
  const consoleErrors = watchConsole(page);
  const email = newEmail('mistakes');

  await page.goto('/sign-up');
  const form = signInScreen(page);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill('weakpassword');
  await form.getByLabel('Confirm Password').fill('weakpassword');
  // The whole policy is checked as the person types, before Cognito is asked: every missing rule,
  // listed once, and the form cannot be sent until they are met.
  await expect(form.getByRole('button', { name: 'Create Account' })).toBeDisabled();
  await expect(form.getByText('The password needs an upper-case letter, a number')).toBeVisible();
  await expect(form.getByText(/The password needs/)).toHaveCount(1);
  await checkScreen(page, '11-weak-password');

  const since = await signUp(page, email);
  const firstCode = await readCode(email, since);
  const wrongCode = firstCode === '000000' ? '111111' : '000000';
  await confirmCode(page, wrongCode);
  await expect(
    form.getByText('That code is not right. Check the email we sent and try again.'),
  ).toBeVisible();
  await checkScreen(page, '12-wrong-code');

  // "Resend Code" mails a new code; the new one confirms the account.
  const resentAt = new Date().toISOString();
  await form.getByRole('button', { name: 'Resend Code' }).click();
  const secondCode = await readCode(email, resentAt);
  await confirmCode(page, secondCode);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, email, `${goodPassword}-wrong`);
  await expect(form.getByText('Wrong email or password.')).toBeVisible();
  await checkScreen(page, '13-wrong-password');

  // Only the rejected requests themselves may show up in the console (Chromium logs every 4xx).
  expect(
    consoleErrors.filter(
      (text) => !/Failed to load resource: the server responded with a status of 400/.test(text),
    ),
  ).toEqual([]);
});
