import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultChromium, ensureChromium } from './chromium.ts';

const none = () => false;

describe('ensureChromium', () => {
  it('uses CHROME_BIN when it points at a binary', () => {
    const result = ensureChromium({
      env: { CHROME_BIN: '/opt/chrome' },
      isRoot: false,
      isDebian: false,
      exists: (p) => p === '/opt/chrome',
    });
    assert.deepEqual(result, { ok: true, path: '/opt/chrome' });
  });

  it('refuses a CHROME_BIN that does not exist instead of silently using another browser', () => {
    const result = ensureChromium({
      env: { CHROME_BIN: '/nope' },
      isRoot: true,
      isDebian: true,
      exists: none,
    });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /CHROME_BIN=\/nope does not exist/);
  });

  it("finds Debian's chromium at its usual path", () => {
    const result = ensureChromium({
      env: {},
      isRoot: false,
      isDebian: true,
      exists: (p) => p === defaultChromium,
    });
    assert.deepEqual(result, { ok: true, path: defaultChromium });
  });

  it('installs chromium with apt when running as root on Debian', () => {
    let installed = false;
    const result = ensureChromium({
      env: {},
      isRoot: true,
      isDebian: true,
      exists: (p) => installed && p === defaultChromium,
      install: () => (installed = true),
    });
    assert.deepEqual(result, { ok: true, path: defaultChromium });
  });

  it('says in one line what to install when it may not install it', () => {
    const result = ensureChromium({
      env: {},
      isRoot: false,
      isDebian: true,
      exists: none,
      install: () => assert.fail('must not install'),
    });
    assert.equal(result.ok, false);
    const message = !result.ok ? result.message : '';
    assert.match(message, /apt-get install chromium/);
    assert.equal(message.split('\n').length, 1);
  });
});
