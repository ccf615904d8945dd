/** State on disk: survives restart, holds no password or token in the clear, files are private. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  spaClientId,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

describe('persistence', () => {
  const pools: TestPool[] = [];
  after(async () => {
    for (const pool of pools) await pool.stop();
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

  it('stores no password, refresh token or code in the clear, and keeps its files at mode 0600', async () => {
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
    const state = await readFile(join(dir, 'state.json'), 'utf8');
    assert.ok(!state.includes(strongPassword));
    assert.ok(!state.includes(Buffer.from(strongPassword).toString('base64')));
    assert.ok(!state.includes(tokens.RefreshToken));
    assert.ok(!state.includes(`"${pendingCode}"`));
    const user = Object.values(
      (
        JSON.parse(state) as {
          users: Record<string, { attributes: { email: string }; password: object }>;
        }
      ).users,
    ).find((u) => u.attributes.email === email);
    assert.deepEqual(Object.keys(user!.password).sort(), ['salt', 'verifier']);
    for (const file of ['state.json', 'keys.json', 'client-secrets.json']) {
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
    const state = JSON.parse(
      await readFile(join(pool.dataDir, 'cognito', 'state.json'), 'utf8'),
    ) as { users: object };
    assert.equal(Object.keys(state.users).length, 13);
  });

  it('reopens cleanly after the process is killed in the middle of writing', async () => {
    const seed = await startTestPool();
    await seed.stop(false);
    // A pool in a child process, signing users up as fast as it can, killed without warning.
    const server = fileURLToPath(new URL('./server.ts', import.meta.url));
    const script = `
      import { startUserPool } from ${JSON.stringify(server)};
      const pool = await startUserPool({ dataDir: ${JSON.stringify(seed.dataDir)}, port: 0, log: () => {} });
      let i = 0;
      for (;;) {
        await fetch(pool.url, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
          body: JSON.stringify({ ClientId: ${JSON.stringify(spaClientId)}, Username: 'crash' + (i++) + '@example.com', Password: 'Passw0rd!x' }) });
        if (i === 5) console.log('writing');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const reopened = await startTestPool({ dataDir: seed.dataDir });
    pools.push(reopened);
    const state = JSON.parse(
      await readFile(join(reopened.dataDir, 'cognito', 'state.json'), 'utf8'),
    ) as { users: Record<string, unknown> };
    assert.ok(Object.keys(state.users).length >= 5, 'the sign-ups before the kill are there');
    await reopened.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username: uniqueEmail('after-crash'),
        Password: strongPassword,
      }),
    );
  });
});
