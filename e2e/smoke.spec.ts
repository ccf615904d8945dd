import { expect, test } from '@playwright/test';

test('the app opens in Chromium with its title, header and no console errors', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto('/');

  await expect(page).toHaveTitle(/Notes/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Notes' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/smoke-home.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('the app fetches its runtime config.json and survives a deep link (SPA fallback)', async ({
  page,
}) => {
  const configRequest = page.waitForRequest(
    (request) => new URL(request.url()).pathname === '/config.json',
  );
  await page.goto('/a/deep/link/that/does/not/exist');
  await configRequest;
  await expect(page.getByRole('banner').getByRole('link', { name: 'Notes' })).toBeVisible();
});
