import { expect, test } from '@playwright/test';
import { newEmail, readCode } from './fixtures.ts';
import { checkScreen, newSignedInPerson } from './helpers.ts';

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
