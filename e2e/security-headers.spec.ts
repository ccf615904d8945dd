import { createHash } from 'node:crypto';
import { expect, test, type Page, type Response } from '@playwright/test';
import { securityHeaders } from '../infra/site-policy.ts';
import { e2ePorts } from '../playwright.config.ts';
import { e2eCloud, newEmail } from './fixtures.ts';
import { signInScreen, createNote, newSignedInPerson, signIn } from './helpers.ts';

/**
 * The production build under the headers CloudFront sends on AWS (e2e/static-server.ts serves them
 * from infra/site-policy.ts, as the stack does): a new inline script, a new origin or a lazily
 * linked file the CSP does not allow shows up here as a violation instead of a broken deploy.
 */

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

/** Records every CSP violation of the page, across navigations, plus Chromium's "Refused to …" console lines. */
async function watchCsp(page: Page): Promise<{ violations: Violation[]; refusals: string[] }> {
  const violations: Violation[] = [];
  const refusals: string[] = [];
  await page.exposeFunction('reportCspViolation', (violation: Violation) =>
    violations.push(violation),
  );
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (violation: Violation) => void })
      .reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
      });
    });
  });
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  return { violations, refusals };
}

const siteOrigin = `http://localhost:${e2ePorts.site}`;

/** Every response from the site itself (not the API or Cognito). */
function siteResponses(page: Page): Response[] {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).origin === siteOrigin) responses.push(response);
  });
  return responses;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

const immutable = 'public, max-age=31536000, immutable';

test('index.html, deep links, assets and config.json carry CloudFront’s security headers and cache rules', async ({
  request,
}) => {
  const index = await request.get('/');
  expect(index.status()).toBe(200);
  const indexHtml = await index.text();
  const expected = securityHeaders({
    indexHtml,
    connectOrigins: [e2eCloud.apiUrl, e2eCloud.cognitoUrl],
  });

  // The CSP allows scripts from the site and exactly the inline script the build wrote, by its hash.
  const inline = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  expect(inline).toHaveLength(1);
  const csp = directives(index.headers()['content-security-policy'] ?? '');
  expect(csp.get('script-src')).toEqual([
    "'self'",
    `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`,
  ]);
  expect(csp.get('connect-src')).toEqual(["'self'", e2eCloud.apiUrl, e2eCloud.cognitoUrl]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(index.headers()).toMatchObject({
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });

  const mainScript = /<script src="(main-[A-Za-z0-9_-]{8}\.js)"/.exec(indexHtml)?.[1];
  const stylesheet = /<link rel="stylesheet" href="(styles-[A-Za-z0-9_-]{8}\.css)"/.exec(
    indexHtml,
  )?.[1];
  expect(mainScript, 'index.html loads a content-hashed main bundle').toBeTruthy();
  expect(stylesheet, 'index.html links a content-hashed stylesheet').toBeTruthy();

  const cases: { path: string; status: number; type: RegExp; cacheControl?: string }[] = [
    { path: '/', status: 200, type: /^text\/html/, cacheControl: 'no-cache' },
    { path: '/index.html', status: 200, type: /^text\/html/, cacheControl: 'no-cache' },
    { path: '/config.json', status: 200, type: /^application\/json/, cacheControl: 'no-cache' },
    { path: '/favicon.ico', status: 200, type: /^image\//, cacheControl: 'no-cache' },
    { path: `/${mainScript!}`, status: 200, type: /^text\/javascript/, cacheControl: immutable },
    { path: `/${stylesheet!}`, status: 200, type: /^text\/css/, cacheControl: immutable },
    // A deep link is a client-side route: index.html, revalidated.
    {
      path: '/notes/01JD0Z8Q5V9X3M2K7T4R6Y1B8C',
      status: 200,
      type: /^text\/html/,
      cacheControl: 'no-cache',
    },
    { path: '/sign-in', status: 200, type: /^text\/html/, cacheControl: 'no-cache' },
    // A missing file (say a chunk an old tab asks for after a deploy) is a 404, never HTML run as a script.
    { path: '/chunk-GONE1234.js', status: 404, type: /^application\/xml/ },
    { path: '/media/missing.svg', status: 404, type: /^application\/xml/ },
  ];
  for (const { path, status, type, cacheControl } of cases) {
    const response = await request.get(path);
    const headers = response.headers();
    expect.soft(response.status(), path).toBe(status);
    expect.soft(headers['content-type'], path).toMatch(type);
    if (cacheControl) expect.soft(headers['cache-control'], path).toBe(cacheControl);
    for (const [name, value] of Object.entries(expected))
      expect.soft(headers[name], `${name} on ${path}`).toBe(value);
    const body = await response.text();
    if (status === 404) expect.soft(body, path).not.toMatch(/<html|<!doctype/i);
    if (/^text\/html/.test(headers['content-type'] ?? '')) expect.soft(body, path).toBe(indexHtml);
  }

  // Revalidation is cheap: an unchanged index.html answers 304, still with the headers.
  const etag = index.headers()['etag'];
  expect(etag).toBeTruthy();
  const revalidated = await request.get('/index.html', { headers: { 'if-none-match': etag! } });
  expect(revalidated.status()).toBe(304);
  expect(revalidated.headers()['content-security-policy']).toBe(
    expected['content-security-policy'],
  );
});

test('a person signs up, keeps notes, signs out and back in on the lazy sign-in page with no CSP violation', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  const responses = siteResponses(page);
  const email = newEmail('csp');

  try {
    // Sign-up and confirmation run in the lazily loaded sign-in page.
    await newSignedInPerson(page, email);
    // index.html's inline script (allowed by hash) ran: the deferred stylesheet is switched on.
    await expect(page.locator('link[data-beasties-media]')).toHaveCount(0);
    await expect(page.locator('link[rel="stylesheet"][href^="styles-"]')).toHaveAttribute(
      'media',
      'all',
    );

    // Notes: the REST API is in connect-src.
    const noteUrl = await createNote(page, {
      title: 'Under CSP',
      content: 'scripts from the site only',
    });
    await page.getByRole('link', { name: 'My notes' }).click();
    await expect(page.getByRole('link', { name: 'Under CSP' })).toBeVisible();

    // A deep link to the note is answered with index.html and the app restores the session (Cognito in connect-src).
    await page.goto(noteUrl);
    await expect(page.getByRole('heading', { name: 'Under CSP' })).toBeVisible();

    // Sign out, then sign in on the lazy page, opened as a deep link (a fresh document).
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/sign-in');
    await expect(signInScreen(page)).toBeVisible();
    // The page's own styles applied (the CSP lets Angular's component styles in).
    expect(
      await signInScreen(page).evaluate((card) => getComputedStyle(card).borderTopLeftRadius),
    ).not.toBe('0px');
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'My notes' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Under CSP' })).toBeVisible();
  } finally {
    // Also when a step failed: a blocked request is then the likely cause, and this names it.
    expect.soft(csp.violations, 'CSP violations').toEqual([]);
    expect.soft(csp.refusals, 'CSP refusals in the console').toEqual([]);
  }

  // Every file the app loaded came with the policy; lazy chunks are cached as immutable.
  const expected = securityHeaders({
    indexHtml: await (await page.request.get('/index.html')).text(),
    connectOrigins: [e2eCloud.apiUrl, e2eCloud.cognitoUrl],
  });
  const chunks = responses.filter((response) =>
    /\/chunk-[A-Za-z0-9_-]{8}\.js$/.test(response.url()),
  );
  expect(chunks.length, 'lazy chunks were loaded').toBeGreaterThan(0);
  for (const response of responses) {
    const headers = await response.allHeaders();
    expect
      .soft(headers['content-security-policy'], response.url())
      .toBe(expected['content-security-policy']);
    expect.soft(headers['x-content-type-options'], response.url()).toBe('nosniff');
  }
  for (const chunk of chunks)
    expect.soft((await chunk.allHeaders())['cache-control'], chunk.url()).toBe(immutable);
});

test('the violation watch is live: an injected inline script and a call to an unlisted origin are reported', async ({
  page,
}) => {
  const csp = await watchCsp(page);
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Notes' })).toBeVisible();
  expect(csp.violations).toEqual([]);

  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true';
    document.body.append(script);
    const reachable = await fetch('https://example.invalid/').then(
      () => true,
      () => false,
    );
    return {
      inline: (window as unknown as { injectedRan?: boolean }).injectedRan === true,
      reachable,
    };
  });
  expect(ran).toEqual({ inline: false, reachable: false });
  await expect
    .poll(() => csp.violations.map((violation) => violation.directive).sort())
    .toEqual(['connect-src', 'script-src-elem']);
  expect(csp.refusals.length).toBeGreaterThanOrEqual(2);
});
