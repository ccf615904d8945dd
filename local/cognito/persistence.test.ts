/**
 * State on disk (pool.db): survives restart and kill -9, holds no password or token in the clear,
 * files are private, a JSON store's state.json is imported once.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  CompleteWebAuthnRegistrationCommand,
  GetUserCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
  GlobalSignOutCommand,
  RespondToAuthChallengeCommand,
  InitiateAuthCommand,
  SignUpCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  poolId,
  spaClientId,
  startSrp,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';
import { createVerifier } from './srp.ts';
import { SoftwareAuthenticator, type CreationOptions } from './testing/software-authenticator.ts';

describe('persistence', () => {
  const pools: TestPool[] = [];
  after(async () => {
    for (const pool of pools) await pool.stop();
  });

  it('keeps a passkey registration under way across a restart; it completes once', async () => {
    const first = await startTestPool();
    const email = uniqueEmail('passkey-restart');
    await createConfirmedUser(first, email);
    const { CredentialCreationOptions } = await first.sdk.send(
      new StartWebAuthnRegistrationCommand({
        AccessToken: (await passwordSignIn(first, email)).AccessToken,
      }),
    );
    await first.stop(false);

    const second = await startTestPool({ dataDir: first.dataDir });
    pools.push(second);
    // The restarted pool listens on another port, so its tokens have another issuer: sign in again.
    const { AccessToken } = await passwordSignIn(second, email);
    const credential = new SoftwareAuthenticator().create(
      CredentialCreationOptions as unknown as CreationOptions,
    );
    const complete = new CompleteWebAuthnRegistrationCommand({
      AccessToken,
      Credential: credential as never,
    });
    await second.sdk.send(complete);
    await assert.rejects(second.sdk.send(complete), {
      name: 'WebAuthnChallengeNotFoundException',
    });
    const listed = await second.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken }));
    assert.equal(listed.Credentials?.length, 1);
  });

  it('keeps users, signing keys, refresh tokens and the client secret across a restart', async () => {
    const first = await startTestPool();
    const email = uniqueEmail('restart');
    const sub = await createConfirmedUser(first, email);
    const tokens = await passwordSignIn(first, email);
    const jwksBefore = await (await fetch(first.server.jwksUri)).json();
    const secretBefore = (
      await first.sdk.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: first.server.poolId,
          ClientId: machineClientId,
        }),
      )
    ).UserPoolClient?.ClientSecret;
    await first.stop(false);

    const second = await startTestPool({ dataDir: first.dataDir });
    pools.push(second);
    assert.deepEqual(await (await fetch(second.server.jwksUri)).json(), jwksBefore);
    const again = await passwordSignIn(second, email);
    assert.equal(
      (await second.sdk.send(new GetUserCommand({ AccessToken: again.AccessToken }))).Username,
      sub,
    );
    const refreshed = await second.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
      }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    const secretAfter = (
      await second.sdk.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: second.server.poolId,
          ClientId: machineClientId,
        }),
      )
    ).UserPoolClient?.ClientSecret;
    assert.equal(secretAfter, secretBefore);
    assert.match(secretAfter ?? '', /^[a-z0-9]{52}$/);
  });

  it('stores no password, refresh token or code in the clear, in a private folder and files', async () => {
    const pool = await startTestPool();
    pools.push(pool);
    const email = uniqueEmail('at-rest');
    await createConfirmedUser(pool, email, strongPassword);
    const tokens = await passwordSignIn(pool, email);
    const unconfirmed = uniqueEmail('pending');
    await pool.sdk.send(
      new SignUpCommand({ ClientId: spaClientId, Username: unconfirmed, Password: strongPassword }),
    );
    const pendingCode = await pool.lastCode(unconfirmed);

    const dir = join(pool.dataDir, 'cognito');
    const files = (await readdir(dir)).filter((file) => file.startsWith('pool.db'));
    assert.ok(files.includes('pool.db') && files.includes('pool.db-wal'), files.join());
    const bytes = Buffer.concat(await Promise.all(files.map((file) => readFile(join(dir, file)))));
    for (const secret of [
      strongPassword,
      Buffer.from(strongPassword).toString('base64'),
      tokens.RefreshToken,
    ])
      assert.equal(bytes.indexOf(secret), -1);
    const db = openDb(pool.dataDir);
    try {
      const user = db.prepare('SELECT password FROM users WHERE email = ?').get(email) as {
        password: string;
      };
      assert.deepEqual(Object.keys(JSON.parse(user.password) as object).sort(), [
        'salt',
        'verifier',
      ]);
      const codes = db.prepare('SELECT hash FROM codes').all() as { hash: string }[];
      assert.ok(codes.length > 0 && codes.every((code) => /^[0-9a-f]{64}$/.test(code.hash)));
      assert.ok(!codes.some((code) => code.hash === pendingCode));
    } finally {
      db.close();
    }
    assert.equal((await stat(dir)).mode & 0o777, 0o700, 'cognito/');
    for (const file of [...files, 'keys.json', 'client-secrets.json']) {
      assert.equal((await stat(join(dir, file))).mode & 0o777, 0o600, file);
    }
    assert.ok(!pool.logs.some((line) => line.includes(strongPassword)));
  });

  it('serializes concurrent sign-ups: every distinct user is kept, a duplicate email only once', async () => {
    const pool = await startTestPool();
    pools.push(pool);
    const emails = Array.from({ length: 12 }, () => uniqueEmail('parallel'));
    const duplicate = uniqueEmail('twice');
    const results = await Promise.allSettled([
      ...emails.map((Username) =>
        pool.sdk.send(
          new SignUpCommand({ ClientId: spaClientId, Username, Password: strongPassword }),
        ),
      ),
      ...[1, 2, 3].map(() =>
        pool.sdk.send(
          new SignUpCommand({
            ClientId: spaClientId,
            Username: duplicate,
            Password: strongPassword,
          }),
        ),
      ),
    ]);
    assert.equal(results.slice(0, 12).filter((r) => r.status === 'fulfilled').length, 12);
    const dupes = results.slice(12);
    assert.equal(dupes.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of dupes)
      if (r.status === 'rejected')
        assert.equal((r.reason as Error).name, 'UsernameExistsException');
    const db = openDb(pool.dataDir);
    try {
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n, 13);
    } finally {
      db.close();
    }
  });

  it('keeps sessions and refuses a replayed SRP answer after a restart', async () => {
    const first = await startTestPool();
    const email = uniqueEmail('replay');
    await createConfirmedUser(first, email);
    const srp = await startSrp(first, email);
    const answer = await srp.answer(strongPassword);
    const signedIn = await first.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: answer,
      }),
    );
    const access = signedIn.AuthenticationResult!.AccessToken!;
    // The same port, so the issuer (and the token's `iss`) stays the same.
    const port = Number(new URL(first.server.url).port);
    await first.stop(false);

    const second = await startTestPool({ dataDir: first.dataDir, port });
    try {
      // The session (origin_jti) is still known: its access token works, and GlobalSignOut ends it.
      assert.ok((await second.sdk.send(new GetUserCommand({ AccessToken: access }))).Username);
      await assert.rejects(
        second.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: spaClientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: answer,
          }),
        ),
        { name: 'NotAuthorizedException', message: 'Invalid session for the user.' },
      );
      await second.sdk.send(new GlobalSignOutCommand({ AccessToken: access }));
    } finally {
      await second.stop(false);
    }
    const third = await startTestPool({ dataDir: first.dataDir, port });
    pools.push(third);
    await assert.rejects(third.sdk.send(new GetUserCommand({ AccessToken: access })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });

  it('loses no acknowledged sign-up when the process is killed (kill -9) during 50 concurrent ones', async () => {
    const seed = await startTestPool();
    await seed.stop(false);
    const server = fileURLToPath(new URL('./server.ts', import.meta.url));
    const script = `
      import { startUserPool } from ${JSON.stringify(server)};
      const pool = await startUserPool({ dataDir: ${JSON.stringify(seed.dataDir)}, port: 0, log: () => {} });
      console.log(pool.url);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const url = await Promise.race([
      new Promise<string>((resolve) =>
        child.stdout.once('data', (data: Buffer) => resolve(data.toString('utf8').trim())),
      ),
      exited.then(() => Promise.reject(new Error('the pool process did not start'))),
    ]);
    const emails = Array.from({ length: 50 }, () => uniqueEmail('kill'));
    const acknowledged: string[] = [];
    await Promise.allSettled(
      emails.map(async (Username) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
          },
          body: JSON.stringify({ ClientId: spaClientId, Username, Password: strongPassword }),
        });
        if (response.status !== 200) return;
        acknowledged.push(Username);
        // Killed as soon as 20 answers are in, with the other sign-ups still on their way.
        if (acknowledged.length === 20) child.kill('SIGKILL');
      }),
    );
    await exited;
    assert.ok(acknowledged.length >= 20, `${acknowledged.length} acknowledged`);

    const reopened = await startTestPool({ dataDir: seed.dataDir });
    pools.push(reopened);
    for (const Username of acknowledged) {
      const user = await reopened.sdk.send(
        new AdminGetUserCommand({ UserPoolId: reopened.server.poolId, Username }),
      );
      assert.equal(user.UserStatus, 'UNCONFIRMED', Username);
    }
    await reopened.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username: uniqueEmail('after-crash'),
        Password: strongPassword,
      }),
    );
  });

  it('imports a state.json of the earlier JSON store once, then renames it', async () => {
    const seed = await startTestPool();
    await seed.stop(false);
    const dir = join(seed.dataDir, 'cognito');
    for (const file of await readdir(dir))
      if (file.startsWith('pool.db')) await rm(join(dir, file));
    const keys = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as { hashKey: string };
    const username = randomUUID();
    const email = uniqueEmail('legacy');
    const refreshToken = 'legacy-refresh-token';
    const refreshTokenHash = createHmac('sha256', Buffer.from(keys.hashKey, 'base64'))
      .update(`refresh:${refreshToken}`)
      .digest('hex');
    const now = Date.now();
    const legacy = {
      version: 1,
      createdAt: now - 86_400_000,
      users: {
        [username]: {
          username,
          attributes: { sub: username, email, email_verified: 'true' },
          status: 'CONFIRMED',
          enabled: true,
          createdAt: now - 3600_000,
          updatedAt: now - 3600_000,
          password: createVerifier(poolId.split('_')[1]!, username, strongPassword),
          codes: {},
          lockout: { failures: 2, lockedUntil: 0, lastAttemptAt: now - 1000 },
          rate: { forgotPassword: [now - 1000] },
        },
      },
      sessions: {
        [randomUUID()]: {
          originJti: randomUUID(),
          username,
          clientId: spaClientId,
          refreshTokenHash,
          authTime: Math.floor(now / 1000) - 60,
          expiresAt: now + 86_400_000,
          revoked: false,
        },
      },
    };
    await writeFile(join(dir, 'state.json'), JSON.stringify(legacy), { mode: 0o600 });

    const pool = await startTestPool({ dataDir: seed.dataDir });
    pools.push(pool);
    assert.deepEqual(
      (await readdir(dir)).filter((file) => file.startsWith('state.json')),
      ['state.json.migrated'],
    );
    const tokens = await passwordSignIn(pool, email);
    assert.equal(
      (await pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).Username,
      username,
    );
    const refreshed = await pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);
    const db = openDb(pool.dataDir);
    try {
      const rows = db.prepare('SELECT action FROM attempts WHERE subject = ?').all(username);
      assert.deepEqual(
        rows.map((row) => row['action']),
        ['forgotPassword'],
      );
    } finally {
      db.close();
    }
  });
});

/** A read-only view of the pool's database (WAL lets it read beside the running pool). */
function openDb(dataDir: string): DatabaseSync {
  return new DatabaseSync(join(dataDir, 'cognito', 'pool.db'), { readOnly: true });
}
