/** The challenge-session engine on the pool's real database (a fresh temp folder per test). */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSessions, authSessionLifetimeMs, StoreAuthSessionTable } from './auth-sessions.ts';
import { PoolStore } from './store.ts';

describe('AuthSessions (single-use challenge sessions)', () => {
  const key = randomBytes(32);
  const t0 = Date.UTC(2026, 0, 1);
  let dir: string;
  let store: PoolStore;
  let sessions: AuthSessions;
  const binding = { username: 'u-1', clientId: 'client-a', challenge: 'SOFTWARE_TOKEN_MFA' };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-sessions-'));
    store = await PoolStore.open(dir, t0);
    sessions = new AuthSessions(new StoreAuthSessionTable(store), key);
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const refused = (run: () => unknown, message: string) =>
    assert.throws(run, { name: 'NotAuthorizedException', message });

  it('answers a session bound to its user, client and challenge, with its data', () => {
    const session = sessions.start({ ...binding, data: { codeHash: 'abc' } }, t0);
    const record = sessions.expect(session, 'client-a', 'SOFTWARE_TOKEN_MFA', t0 + 1000);
    assert.equal(record.username, 'u-1');
    assert.deepEqual(record.data, { codeHash: 'abc' });
    assert.equal(record.expiresAt, t0 + authSessionLifetimeMs);
    // Calls that name no client (AssociateSoftwareToken) skip the client check only.
    assert.equal(
      sessions.expect(session, undefined, ['MFA_SETUP', 'SOFTWARE_TOKEN_MFA'], t0).username,
      'u-1',
    );
  });

  it('refuses another client, another challenge, a forged string and an expired session', () => {
    const session = sessions.start(binding, t0);
    refused(
      () => sessions.expect(session, 'client-b', 'SOFTWARE_TOKEN_MFA', t0),
      'Invalid session for the user.',
    );
    refused(
      () => sessions.expect(session, 'client-a', 'EMAIL_OTP', t0),
      'Invalid session for the user.',
    );
    refused(
      () => sessions.expect(`${session}x`, 'client-a', 'SOFTWARE_TOKEN_MFA', t0),
      'Invalid session for the user.',
    );
    refused(
      () => sessions.expect(42, 'client-a', 'SOFTWARE_TOKEN_MFA', t0),
      'Invalid session for the user.',
    );
    refused(
      () => sessions.expect(session, 'client-a', 'SOFTWARE_TOKEN_MFA', t0 + authSessionLifetimeMs),
      'Invalid session for the user, session is expired.',
    );
  });

  it('is spent by one successful answer: a second finish and any later use are refused', () => {
    const session = sessions.start(binding, t0);
    sessions.expect(session, 'client-a', 'SOFTWARE_TOKEN_MFA', t0);
    sessions.finish(session);
    refused(() => sessions.finish(session), 'Invalid session for the user.');
    refused(
      () => sessions.expect(session, 'client-a', 'SOFTWARE_TOKEN_MFA', t0),
      'Invalid session for the user.',
    );
  });

  it('keeps pending sessions across a restart, stored only as an HMAC of the string', async () => {
    const session = sessions.start(binding, t0);
    store.close();
    const database = await readFile(join(dir, 'pool.db'));
    assert.equal(database.includes(Buffer.from(session)), false);
    store = await PoolStore.open(dir, t0 + 1000);
    sessions = new AuthSessions(new StoreAuthSessionTable(store), key);
    assert.equal(
      sessions.expect(session, 'client-a', 'SOFTWARE_TOKEN_MFA', t0 + 1000).username,
      'u-1',
    );
  });

  it('forgets expired sessions when the store prunes', () => {
    sessions.start(binding, t0);
    store.prune(t0 + authSessionLifetimeMs);
    assert.equal(store.get<{ n: number }>('SELECT count(*) AS n FROM auth_sessions')!.n, 0);
  });
});
