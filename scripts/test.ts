/**
 * `npm test`: every check, in the order that fails fastest, stopping at the first failure.
 * Node 24 comes from node_modules/.bin (npm puts it first on PATH for scripts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ensureChromium } from './chromium.ts';

interface Step {
  readonly name: string;
  readonly command: string;
}

const steps: readonly Step[] = [
  // What `npm install` applies (postinstall); again here for a node_modules installed without it.
  { name: 'dependency patches (patches/)', command: 'npx patch-package --error-on-fail' },
  { name: 'type-check', command: 'npm run --silent typecheck' },
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'formatting (Prettier)', command: 'npm run --silent format:check' },
  { name: 'node tests (api, local cloud, infra)', command: 'npm run --silent test:node' },
  { name: 'unit tests (Karma, Chromium)', command: 'npm run --silent test:unit' },
  { name: 'production build', command: 'npm run --silent build' },
  { name: 'end-to-end (Playwright, Chromium)', command: 'npm run --silent e2e' },
];

const chromium = ensureChromium({
  env: process.env,
  isRoot: userInfo().uid === 0,
  isDebian: existsSync('/etc/debian_version'),
});
if (!chromium.ok) {
  console.error(chromium.message);
  process.exit(1);
}
process.env['CHROME_BIN'] = chromium.path;

const finished: string[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name}: ${step.command}`);
  const started = performance.now();
  const result = spawnSync(step.command, { stdio: 'inherit', shell: true, env: process.env });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(
      `\n✘ ${step.name} failed after ${seconds} s (exit ${result.status ?? result.signal}). Passed before it: ${finished.join(', ') || 'none'}.`,
    );
    process.exit(result.status ?? 1);
  }
  finished.push(`${step.name} ${seconds} s`);
}
console.log(`\n✔ all checks passed:\n  ${finished.join('\n  ')}`);
