import { expect, test } from '@playwright/test';
import { newEmail } from './fixtures.ts';
import { checkScreen, createNote, newSignedInPerson, watchConsole } from './helpers.ts';

test("a second person never sees the first person's notes, not even by URL", async ({
  browser,
}) => {
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await newSignedInPerson(firstPage, newEmail('first'));
  const secretUrl = await createNote(firstPage, {
    title: 'First person secret',
    content: 'only mine',
  });

  const second = await browser.newContext();
  const page = await second.newPage();
  await newSignedInPerson(page, newEmail('second'));
  // Only their own welcome note (written by the post-confirmation trigger).
  await expect(
    page.getByRole('list', { name: 'Notes, last changed first' }).locator('.heading'),
  ).toHaveText(['Welcome to Notes']);
  await expect(page.getByText('First person secret')).toHaveCount(0);

  await page.goto(secretUrl);
  await expect(page.getByRole('heading', { name: 'Note not found' })).toBeVisible();
  await expect(page.getByText('only mine')).toHaveCount(0);
  await checkScreen(page, '20-note-not-found');

  await page.goto(`${secretUrl}/edit`);
  await expect(page.getByRole('alert')).toContainText('Not found');
  await expect(page.getByLabel('Note', { exact: true })).toHaveCount(0);

  // The first person still has it.
  await firstPage.reload();
  await expect(firstPage.getByTestId('note-content')).toHaveText('only mine');
  await Promise.all([first.close(), second.close()]);
});

test('saving over a note changed in another tab says so and offers the latest version', async ({
  context,
}) => {
  const tab = await context.newPage();
  const consoleErrors = watchConsole(tab);
  await newSignedInPerson(tab, newEmail('two-tabs'));
  const noteUrl = await createNote(tab, { title: 'Shared plan', content: 'version one' });

  await tab.goto(`${noteUrl}/edit`);
  await expect(tab.getByLabel('Note', { exact: true })).toHaveValue('version one');

  const otherTab = await context.newPage();
  await otherTab.goto(`${noteUrl}/edit`);
  await otherTab.getByLabel('Note', { exact: true }).fill('version two, from the other tab');
  await otherTab.getByRole('button', { name: 'Save' }).click();
  await expect(otherTab.getByText('Note saved.')).toBeVisible();

  await tab.getByLabel('Note', { exact: true }).fill('my late edit');
  await tab.getByRole('button', { name: 'Save' }).click();
  const conflict = tab.getByRole('alert').filter({ hasText: 'This note was changed elsewhere' });
  await expect(conflict).toBeVisible();
  await expect(tab.getByLabel('Your unsaved text')).toHaveValue('my late edit');
  await checkScreen(tab, '21-edit-conflict');

  await conflict.getByRole('button', { name: 'Reload latest version' }).click();
  await expect(tab.getByLabel('Note', { exact: true })).toHaveValue(
    'version two, from the other tab',
  );
  await tab
    .getByLabel('Note', { exact: true })
    .fill('version two, from the other tab\nplus my late edit');
  await tab.getByRole('button', { name: 'Save' }).click();
  await expect(tab.getByTestId('note-content')).toHaveText(
    'version two, from the other tab\nplus my late edit',
  );

  // The 412 itself is the only console noise allowed (Chromium logs every 4xx response).
  expect(consoleErrors.filter((text) => !/status of 412/.test(text))).toEqual([]);
});
