import { expect, test } from '@playwright/test';
import { newEmail } from './fixtures.ts';
import { checkScreen, createNote, newSignedInPerson } from './helpers.ts';

// Every main screen in the light and the dark theme (the system setting), desktop and phone:
// axe-clean in each, and a screenshot of each under test-results/screens/.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    test(`the main screens in the ${colorScheme} theme at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      await page.emulateMedia({ colorScheme });
      const name = (screen: string) => `theme-${colorScheme}-${width}-${screen}`;
      await page.goto('/');
      await checkScreen(page, name('home'));
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      await checkScreen(page, name('sign-in'));
      await newSignedInPerson(page, newEmail(`theme-${colorScheme}`));
      await checkScreen(page, name('notes'));
      await page.getByRole('link', { name: 'New note' }).first().click();
      await checkScreen(page, name('editor'));
      await page.getByRole('link', { name: 'Cancel' }).click();
      await createNote(page, { title: 'Groceries', content: 'milk\neggs' });
      await checkScreen(page, name('note'));
      await page.getByRole('link', { name: 'My notes' }).click();
      await expect(page.getByRole('link', { name: 'Groceries' })).toBeVisible();
      await checkScreen(page, name('notes-list'));
      await page.getByRole('link', { name: 'Profile' }).click();
      await expect(page.getByTestId('greeting')).toBeVisible();
      await checkScreen(page, name('profile'));
    });
  }
}
