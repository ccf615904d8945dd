import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInScreen } from './helpers.ts';

// `npm start` on ports other than the defaults, as the README allows: the dev server must hand the
// app the URLs of the cloud it started, never the defaults (another local cloud may run there).
const offset = Number(process.env['E2E_PORT_OFFSET'] ?? 0);
const ports = { app: 4400 + offset, cognito: 19329 + offset, api: 13100 + offset };

test('npm start on other ports serves the app a config.json naming the cloud it started', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'notes-dev-server-'));
  const child = spawn(process.execPath, ['local/main.ts', '--with-app', '--fresh'], {
    env: {
      ...process.env,
      PATH: `${join(process.cwd(), 'node_modules/.bin')}:${process.env['PATH']}`,
      APP_PORT: String(ports.app),
      COGNITO_PORT: String(ports.cognito),
      API_PORT: String(ports.api),
      DYNAMODB_PORT: '0',
      LOCAL_CLOUD_DATA: dataDir,
      NG_CLI_ANALYTICS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const app = `http://localhost:${ports.app}`;
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(app)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 240_000, intervals: [1000], message: `ng serve answers:\n${output}` },
      )
      .toBe(200);

    const config = await fetch(`${app}/config.json`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      userPoolEndpoint: `http://localhost:${ports.cognito}`,
      apiBaseUrl: `http://localhost:${ports.api}`,
    });

    // The browser app itself calls the pool on the port it was started with.
    await page.goto(`${app}/sign-in`);
    const form = signInScreen(page);
    await form.getByLabel('Email').fill('nobody@example.com');
    await form.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
    const poolCall = page.waitForRequest((request) => request.method() === 'POST');
    await form.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL((await poolCall).url()).port).toBe(String(ports.cognito));
    await expect(page.getByText('Wrong email or password.')).toBeVisible();
    expect(output).not.toMatch(/config\.json.*404|404.*config\.json/);
  } finally {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});
