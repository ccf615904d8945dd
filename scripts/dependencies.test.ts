import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface LockFile {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
}

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as LockFile;

// The SPA imports `fetchAuthSession` from Amplify's core package directly (src/app/auth/amplify-auth.ts,
// to keep the `aws-amplify/auth` barrel out of the initial bundle). Amplify keeps its configuration
// in that package's module state, so a second copy would be an unconfigured Amplify: the project's
// own pin must be exactly the one aws-amplify pins, and the lock must hold one copy.
test('@aws-amplify/core is pinned to the version aws-amplify pins, and installed once', () => {
  const amplifyPin = lock.packages['node_modules/aws-amplify']?.dependencies?.['@aws-amplify/core'];
  assert.ok(amplifyPin, 'aws-amplify names its @aws-amplify/core version in the lock file');
  assert.equal(manifest.dependencies['@aws-amplify/core'], amplifyPin);
  const copies = Object.keys(lock.packages).filter((path) =>
    path.endsWith('node_modules/@aws-amplify/core'),
  );
  assert.deepEqual(copies, ['node_modules/@aws-amplify/core']);
  assert.equal(lock.packages['node_modules/@aws-amplify/core']?.version, amplifyPin);
});
