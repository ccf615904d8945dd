import { expect, type Page, test } from '@playwright/test';
import { e2eCloud, newEmail } from './fixtures.ts';
import { checkScreen, createNote, newSignedInPerson, storedToken } from './helpers.ts';

/** Writes notes straight through the API (as another device would), oldest first. */
async function addNotes(page: Page, count: number, label = 'Note'): Promise<void> {
  const token = await storedToken(page, 'idToken');
  for (let i = 1; i <= count; i++) {
    const response = await fetch(`${e2eCloud.apiUrl}/notes`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `${label} ${i}`,
        content: `Body of ${label.toLowerCase()} ${i}`,
      }),
    });
    expect(response.status).toBe(201);
  }
}

const titles = (page: Page) =>
  page.getByRole('list', { name: 'Notes, last changed first' }).locator('.heading');

test('leaving the editor with unsaved text asks first, and the draft is offered back', async ({
  page,
}) => {
  await newSignedInPerson(page, newEmail('drafts'));
  await page.getByRole('link', { name: 'New note' }).first().click();
  await page.getByLabel('Note', { exact: true }).fill('An idea I must not lose');

  // A nav link: the person is asked, and "stay" keeps the text.
  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'My notes' }).click();
  await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
  expect(questions[0]).toContain('You have unsaved changes');
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('An idea I must not lose');

  // Cancel, then "leave": the draft stays on this device and comes back with the next new note.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await page.getByRole('link', { name: 'New note' }).first().click();
  await expect(page.getByText('You have an unsaved draft')).toBeVisible();
  await checkScreen(page, '50-draft-offered');
  await page.getByRole('button', { name: 'Restore draft' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('An idea I must not lose');

  // Back (the browser's own button) asks too.
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
  expect(questions).toHaveLength(2);

  // Closing the tab: the browser's own "leave site?" question (beforeunload).
  const beforeUnload = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await beforeUnload;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await page.close();
});

test('saving leaves no blank editor behind Back, and "Note saved." is shown only once', async ({
  page,
}) => {
  await newSignedInPerson(page, newEmail('history'));
  const noteUrl = await createNote(page, { title: 'Once', content: 'saved once' });
  await expect(page.getByText('Note saved.')).toBeVisible();

  // A reload does not claim another save.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Once' })).toBeVisible();
  await expect(page.getByText('Note saved.')).toHaveCount(0);

  // Back goes to the list, not to a blank "New note"; Forward shows the note without the message.
  await page.goBack();
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(noteUrl);
  await expect(page.getByRole('heading', { name: 'Once' })).toBeVisible();
  await expect(page.getByText('Note saved.')).toHaveCount(0);
});

test('the list keeps its pages and scroll position across opening a note, and is sorted by last change', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await newSignedInPerson(page, newEmail('many'));
  await addNotes(page, 45);
  await page.reload();
  await expect(titles(page)).toHaveCount(20);
  await expect(titles(page).first()).toHaveText('Note 45');

  // Pages 2 and 3, then open a note near the end.
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(titles(page)).toHaveCount(40);
  await page.getByRole('button', { name: 'Load more' }).click();
  // 45 of ours and the welcome note every new account starts with.
  await expect(titles(page)).toHaveCount(46);
  const target = page.getByRole('link', { name: 'Note 3', exact: true });
  await target.scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(500);
  await target.click();
  await expect(page.getByRole('heading', { name: 'Note 3' })).toBeVisible();

  // Back: the 46 notes are there at once, at the same place.
  await page.goBack();
  await expect(titles(page)).toHaveCount(46);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 50);
  await expect(page.getByRole('link', { name: 'Note 3', exact: true })).toBeInViewport();

  // An old note that is edited moves to the top, for the server's order too (after a reload).
  await page.getByRole('link', { name: 'Note 1', exact: true }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Note', { exact: true }).fill('Body of note 1, edited');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Note saved.')).toBeVisible();
  await page.getByRole('link', { name: '← All notes' }).click();
  await expect(titles(page).first()).toHaveText('Note 1');
  await page.reload();
  await expect(titles(page).first()).toHaveText('Note 1');
  await expect(titles(page).nth(1)).toHaveText('Note 45');
  await checkScreen(page, '51-notes-sorted-by-change');
});

test('on a 390 px phone the delete dialog fits, even for a title that is one long URL', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newSignedInPerson(page, newEmail('long-url'));
  await createNote(page, {
    title: `https://example.com/${'a-very-long-path-segment-'.repeat(6)}`,
    content: 'a link',
  });
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await dialog.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await checkScreen(page, '52-phone-delete-long-url');
});

test('search as you type finds notes by title or text and marks the match', async ({ page }) => {
  await newSignedInPerson(page, newEmail('search'));
  await addNotes(page, 3, 'Plain');
  await createNote(page, { title: 'Eggs benedict', content: 'Poach the <b>eggs</b> gently' });
  await page.getByRole('link', { name: 'My notes' }).click();
  await page.getByLabel('Search your notes').fill('EGGS');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link')).toHaveText(['Eggs benedict']);
  await expect(results.locator('mark').first()).toHaveText('Eggs');
  await expect(results.locator('b')).toHaveCount(0);
  await expect(page.getByText('1 note found')).toBeVisible();
  await checkScreen(page, '56-search');
  await page.getByLabel('Search your notes').fill('no such words');
  await expect(page.getByText('No notes contain “no such words”.')).toBeVisible();
});
