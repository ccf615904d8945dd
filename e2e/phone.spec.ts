import { expect, type Page, test } from '@playwright/test';
import { newEmail } from './fixtures.ts';
import { checkScreen, createNote, newSignedInPerson } from './helpers.ts';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

/** Nothing may stick out sideways on a 360 px phone. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

test('on a 360 px phone every screen fits the width and stays accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes, wherever you are' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await checkScreen(page, '40-phone-home');

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await checkScreen(page, '41-phone-sign-in');

  await newSignedInPerson(page, newEmail('phone'));
  await expectNoSidewaysScroll(page);
  await createNote(page, {
    title: 'A title long enough to need wrapping on a small phone screen',
    content: `${'word '.repeat(60)}\nhttps://example.com/${'x'.repeat(80)}`,
  });
  await expectNoSidewaysScroll(page);
  await checkScreen(page, '42-phone-note');

  await page.getByRole('link', { name: 'Edit' }).click();
  await expectNoSidewaysScroll(page);
  await checkScreen(page, '43-phone-edit');

  await page.getByRole('link', { name: 'My notes' }).click();
  await expectNoSidewaysScroll(page);
  await checkScreen(page, '44-phone-notes');
});
