/** Signing keys: generated once per folder, kept across restarts, rotated with a grace period. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../testing/clock.ts';
import { KeyRing } from './keys.ts';

describe('KeyRing', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const freshDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cognito-keys-'));
    dirs.push(dir);
    return dir;
  };

  it('generates an ID key and an access key once and reloads the same ones', async () => {
    const dir = await freshDir();
    const clock = new ManualClock();
    const first = await KeyRing.open(dir, clock, 3600);
    const again = await KeyRing.open(dir, clock, 3600);
    assert.notEqual(first.current('id').kid, first.current('access').kid);
    assert.deepEqual(again.jwks(), first.jwks());
    assert.deepEqual(again.hashKey, first.hashKey);
  });

  it('keeps a retired key published until every token it signed has expired, then drops it', async () => {
    const dir = await freshDir();
    const clock = new ManualClock();
    const ring = await KeyRing.open(dir, clock, 3600);
    const oldAccess = ring.current('access').kid;
    const rotated = await ring.rotate();
    assert.equal(ring.current('access').kid, rotated.access);
    assert.ok(ring.publicKey(oldAccess), 'old tokens still verify');
    assert.equal(ring.jwks().keys.length, 4);

    clock.advance(3600_000 - 1);
    assert.ok(ring.publicKey(oldAccess));
    clock.advance(1);
    assert.equal(ring.publicKey(oldAccess), undefined);
    assert.deepEqual(
      ring
        .jwks()
        .keys.map((key) => key.kid)
        .sort(),
      [rotated.id, rotated.access].sort(),
    );

    const reloaded = await KeyRing.open(dir, clock, 3600);
    assert.equal(reloaded.current('access').kid, rotated.access, 'rotation survives a restart');
  });
});
