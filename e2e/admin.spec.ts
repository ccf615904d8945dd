import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, type Page, test } from '@playwright/test';
import { localCloud } from '../amplify-config.ts';
import { groups } from '../api/pool.ts';
import { e2eCloud, newEmail } from './fixtures.ts';
import {
  signInScreen,
  checkScreen,
  newSignedInPerson,
  signIn,
  storedToken,
  watchConsole,
} from './helpers.ts';

/** The local pool's admin API, SigV4-signed with dummy keys (the pool requires a signature). */
const cognito = new CognitoIdentityProviderClient({
  endpoint: e2eCloud.cognitoUrl,
  region: localCloud.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** A new person made an administrator; signed in again so their tokens carry the group. */
async function newAdministrator(page: Page): Promise<string> {
  const email = newEmail('admin');
  await newSignedInPerson(page, email);
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: localCloud.userPoolId,
      Username: email,
      GroupName: groups.admins.name,
    }),
  );
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  return email;
}

/** Makes the stored ID token fail the API's signature check, so the SPA must refresh. */
async function spoilIdToken(page: Page): Promise<void> {
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find(
      (name) => name.startsWith('CognitoIdentityServiceProvider.') && name.endsWith('.idToken'),
    )!;
    const [header, payload, signature] = localStorage.getItem(key)!.split('.');
    localStorage.setItem(
      key,
      [header, payload, `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`].join(
        '.',
      ),
    );
  });
}

test('an administrator disables a person: signed out at their next refresh, refused at sign-in', async ({
  browser,
  page,
}) => {
  const consoleErrors = watchConsole(page);
  const victimContext = await browser.newContext();
  const victim = await victimContext.newPage();
  const victimEmail = newEmail('victim');
  await newSignedInPerson(victim, victimEmail);

  await newAdministrator(page);
  // As on AWS, the back office API is the site's own origin under /admin-api/ (CloudFront's
  // behaviour, played by e2e/static-server.ts), so the CSP needs no extra origin and no preflight.
  const adminCalls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.includes('/admin/users')) adminCalls.push(request.url());
  });
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: victimEmail });
  await expect(card).toContainText('Enabled');
  await checkScreen(page, 'admin-users');

  await card.getByRole('button', { name: `Disable ${victimEmail}` }).click();
  await expect(card.getByRole('group', { name: `Confirm disabling ${victimEmail}` })).toBeVisible();
  await card.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(page.getByRole('status')).toContainText(`${victimEmail} is disabled.`);
  await expect(card.getByRole('button', { name: `Enable ${victimEmail}` })).toBeVisible();
  expect(adminCalls.length).toBeGreaterThanOrEqual(2);
  for (const url of adminCalls)
    expect(url).toMatch(/^http:\/\/localhost:\d+\/admin-api\/admin\/users/);
  expect(adminCalls.every((url) => new URL(url).origin === new URL(page.url()).origin)).toBe(true);

  // The victim's next API call needs a refresh, which the global sign-out has made impossible.
  await spoilIdToken(victim);
  await victim.getByRole('link', { name: 'Profile' }).click();
  await expect(victim).toHaveURL(/\/sign-in/);
  await signIn(victim, victimEmail);
  await expect(signInScreen(victim).getByRole('alert')).toBeVisible();
  await expect(victim.getByRole('heading', { name: 'My notes' })).toHaveCount(0);

  // Enabled again, they may sign in.
  await card.getByRole('button', { name: `Enable ${victimEmail}` }).click();
  await expect(page.getByRole('status')).toContainText(`${victimEmail} is enabled.`);
  await victim.goto('/sign-in');
  await signIn(victim, victimEmail);
  await expect(victim.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await victimContext.close();
  expect(consoleErrors.filter((line) => !/40[13]/.test(line))).toEqual([]);
});

test('the Administration area works at 390 px and is axe-clean', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newAdministrator(page);
  await page.goto('/admin');
  await expect(page.getByRole('list', { name: 'Users' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await checkScreen(page, 'admin-users-390');
});

test('a non-administrator never sees the link, /admin sends them to their notes, the API says 403', async ({
  page,
}) => {
  await newSignedInPerson(page, newEmail('plain'));
  await expect(page.getByRole('link', { name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/notes$/);
  const accessToken = await storedToken(page, 'accessToken');
  // Straight to the API and through the site's /admin-api/ path alike: the JWT authorizer decides.
  for (const url of [`${e2eCloud.apiUrl}/admin/users`, '/admin-api/admin/users']) {
    const response = await page.request.get(url, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.status(), url).toBe(403);
    expect(await response.json()).toEqual({ message: 'Forbidden' });
  }
});
