import { expect, test } from '@playwright/test';
import { newEmail } from './fixtures.ts';
import { newSignedInPerson } from './helpers.ts';

test('the whole app can be used with the keyboard alone', async ({ page }) => {
  // The first Tab on a fresh page offers to skip to the content.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your notes, wherever you are' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  await newSignedInPerson(page, newEmail('keyboard'));
  // From the list, Tab reaches "New note"; Enter opens the editor with focus moved to the page.
  const newNote = page.getByRole('link', { name: 'New note' }).first();
  for (let i = 0; i < 10 && !(await newNote.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(newNote).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
  await page.getByLabel('Title').focus();
  await page.keyboard.type('Typed only');
  await page.keyboard.press('Tab');
  await page.keyboard.type('with the keyboard');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('note-content')).toHaveText('with the keyboard');
  // Delete with the keyboard: the dialog opens with focus on Cancel, and Escape cancels.
  await page.getByRole('button', { name: 'Delete' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Then for real: Shift+Tab from Cancel reaches "Delete note".
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Delete note' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Note deleted.')).toBeVisible();
});
