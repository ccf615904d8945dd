import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { goodPassword, readCode } from './fixtures.ts';

/**
 * Checks the screen with axe (no serious or critical violations) and keeps a full-page screenshot
 * under test-results/screens/ (git-ignored), so every screen of a journey is both audited and seen.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(blocking, `axe on "${name}"`).toEqual([]);
}

/** Collects console errors and uncaught exceptions; journeys assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** The sign-in page's current screen (sign in, sign up, confirm, reset or a further step). */
export const signInScreen = (page: Page) => page.getByTestId('sign-in-flow');

/** Signs up on the sign-up form and stops on the confirmation step. */
export async function signUp(page: Page, email: string, password = goodPassword): Promise<string> {
  const since = new Date().toISOString();
  await page.goto('/sign-up');
  const form = signInScreen(page);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByLabel('Confirm Password').fill(password);
  await form.getByRole('button', { name: 'Create Account' }).click();
  await expect(form.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  return since;
}

/** Types the confirmation code and submits it. */
export async function confirmCode(page: Page, code: string): Promise<void> {
  const form = signInScreen(page);
  await form.getByLabel('Confirmation Code').fill(code);
  await form.getByRole('button', { name: 'Confirm' }).click();
}

/** A new confirmed person, signed in (the app signs in right after confirmation). */
export async function newSignedInPerson(page: Page, email: string): Promise<void> {
  const since = await signUp(page, email);
  await confirmCode(page, await readCode(email, since));
  await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
}

/** The signed-in person's token of `kind`, as Amplify keeps it in this page's localStorage. */
export async function storedToken(page: Page, kind: 'idToken' | 'accessToken'): Promise<string> {
  return page.evaluate((suffix) => {
    const key = Object.keys(localStorage).find(
      (name) => name.startsWith('CognitoIdentityServiceProvider.') && name.endsWith(suffix),
    );
    return key ? localStorage.getItem(key)! : '';
  }, `.${kind}`);
}

/** Signs out with the main navigation's button. */
export const signOut = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();

/** Signs in on the sign-in page (which the caller has opened). */
export async function signIn(page: Page, email: string, password = goodPassword): Promise<void> {
  const form = signInScreen(page);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Writes a note through the editor and waits for its page. Returns the note's URL. */
export async function createNote(
  page: Page,
  note: { title?: string; content: string },
): Promise<string> {
  await page.getByRole('link', { name: 'New note' }).first().click();
  await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
  if (note.title) await page.getByLabel('Title').fill(note.title);
  await page.getByLabel('Note', { exact: true }).fill(note.content);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Note saved.')).toBeVisible();
  return new URL(page.url()).pathname;
}
