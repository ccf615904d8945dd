import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * End-to-end tests run the production build in Debian's Chromium against a local cloud of their
 * own (test ports and a fresh data folder), so they never touch a developer's `npm start`.
 */
// E2E_PORT_OFFSET shifts every port (and the data folder), so two checkouts can run e2e at once.
const offset = Number(process.env['E2E_PORT_OFFSET'] ?? 0);
export const e2ePorts = {
  site: 4300 + offset,
  cognito: 19229 + offset,
  api: 13000 + offset,
  dynamodb: 18000 + offset,
} as const;

const chromium = process.env['CHROME_BIN'] ?? '/usr/bin/chromium';
const chromiumFlags = createRequire(import.meta.url)('./scripts/chromium-flags.cjs') as string[];

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${e2ePorts.site}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromium,
      args: chromiumFlags,
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node local/main.ts --fresh',
      url: `http://localhost:${e2ePorts.api}/health`,
      env: {
        COGNITO_PORT: String(e2ePorts.cognito),
        API_PORT: String(e2ePorts.api),
        DYNAMODB_PORT: String(e2ePorts.dynamodb),
        LOCAL_CLOUD_DATA: join(tmpdir(), `notes-e2e-local-cloud-${offset}`),
        LOCAL_CLOUD_ORIGINS: `http://localhost:${e2ePorts.site}`,
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      timeout: 60_000,
    },
    {
      command: `node e2e/static-server.ts dist/notes/browser ${e2ePorts.site}`,
      url: `http://localhost:${e2ePorts.site}/`,
      env: { COGNITO_PORT: String(e2ePorts.cognito), API_PORT: String(e2ePorts.api) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
