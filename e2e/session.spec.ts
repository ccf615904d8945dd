import { expect, type Page, test } from '@playwright/test';
import { newEmail } from './fixtures.ts';
import { createNote, newSignedInPerson, signInScreen, watchConsole } from './helpers.ts';

/**
 * Rewrites what Amplify keeps in localStorage for the signed-in person, to play a token the API
 * rejects (bad signature: looks valid to the browser, not to the authorizer) or a revoked refresh token.
 */
async function tamperStoredTokens(
  page: Page,
  change: { idToken?: 'bad-signature'; refreshToken?: 'revoked' },
) {
  await page.evaluate((what) => {
    const keys = Object.keys(localStorage).filter((key) =>
      key.startsWith('CognitoIdentityServiceProvider.'),
    );
    const idKey = keys.find((key) => key.endsWith('.idToken'));
    const refreshKey = keys.find((key) => key.endsWith('.refreshToken'));
    if (!idKey || !refreshKey)
      throw new Error(`no Amplify tokens in localStorage: ${keys.join(', ')}`);
    if (what.idToken) {
      const [header, payload, signature] = localStorage.getItem(idKey)!.split('.');
      const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
      localStorage.setItem(idKey, [header, payload, flipped].join('.'));
    }
    if (what.refreshToken) localStorage.setItem(refreshKey, 'revoked-refresh-token');
  }, change);
}

test('a rejected ID token is refreshed once and the request retried, unnoticed by the person', async ({
  page,
}) => {
  await newSignedInPerson(page, newEmail('refresh'));
  await createNote(page, { title: 'Still here', content: 'after a refresh' });
  await tamperStoredTokens(page, { idToken: 'bad-signature' });

  const statuses: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/notes' && response.request().method() === 'GET')
      statuses.push(response.status());
  });
  await page.getByRole('link', { name: 'My notes' }).click();
  await expect(page.getByRole('link', { name: 'Still here' })).toBeVisible();
  // The list shows what it had at once and refreshes behind it: wait for that refresh.
  await expect.poll(() => statuses).toEqual([401, 200]);
});

test('when the refresh fails too, the person is signed out and brought back after signing in again', async ({
  page,
}) => {
  const consoleErrors = watchConsole(page);
  const email = newEmail('expired');
  await newSignedInPerson(page, email);
  const noteUrl = await createNote(page, { title: 'Where I was', content: 'come back here' });
  await page.getByRole('link', { name: 'My notes' }).click();
  await tamperStoredTokens(page, { idToken: 'bad-signature', refreshToken: 'revoked' });

  await page.getByRole('link', { name: 'Where I was' }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?returnUrl=${encodeURIComponent(noteUrl)}$`));
  await expect(
    page.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }),
  ).toBeVisible();

  const form = signInScreen(page);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill('Correct-Horse-42');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(noteUrl);
  await expect(page.getByTestId('note-content')).toHaveText('come back here');
  // The rejected requests are the only console noise (Chromium logs each 4xx).
  expect(consoleErrors.filter((text) => !/status of (400|401)/.test(text))).toEqual([]);
});

test('an expired ID token is renewed with the refresh token without the person noticing', async ({
  page,
}) => {
  await page.clock.install();
  const email = newEmail('long-session');
  await newSignedInPerson(page, email);
  await page.clock.fastForward('02:00:00');
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByTestId('greeting')).toContainText(`Signed in as ${email}`);
  await page.getByText('What the API sees').click();
  await expect(page.getByTestId('api-claims')).toContainText(email);
});
