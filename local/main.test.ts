import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';

interface RunningCloud {
  readonly process: ChildProcess;
  readonly cognitoUrl: string;
  readonly apiUrl: string;
  readonly output: () => string;
}

/** Starts `npm run cloud` as a person would (on free ports) and waits for its banner. */
async function startCloud(dataDir: string, ...args: string[]): Promise<RunningCloud> {
  const child = spawn(process.execPath, ['local/main.ts', ...args], {
    env: {
      ...process.env,
      COGNITO_PORT: '0',
      API_PORT: '0',
      DYNAMODB_PORT: '0',
      LOCAL_CLOUD_DATA: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${output}`)));
  });
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(output);
    assert.ok(match, `banner names the ${label}:\n${output}`);
    return match[1]!;
  };
  return {
    process: child,
    cognitoUrl: url('Cognito user pool'),
    apiUrl: url('API gateway'),
    output: () => output,
  };
}

async function stopWithCtrlC(cloud: RunningCloud): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    cloud.process.on('exit', (code) => resolve(code)),
  );
  cloud.process.kill('SIGINT');
  return exited;
}

function cognito(url: string) {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region: localCloud.region,
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

describe('npm run cloud (local/main.ts)', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-main-'))));
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('prints the pool and client ids, serves every part, and stops cleanly on Ctrl-C', async () => {
    const cloud = await startCloud(dataDir);
    try {
      for (const id of [
        localCloud.userPoolId,
        localCloud.userPoolClientId,
        localCloud.machineClientId,
      ]) {
        assert.match(cloud.output(), new RegExp(id));
      }
      assert.match(cloud.output(), /\/_mailbox/);
      const health = await fetch(`${cloud.apiUrl}/health`);
      assert.equal(health.status, 200);
      const unauthorized = await fetch(`${cloud.apiUrl}/notes`);
      assert.equal(unauthorized.status, 401);
      await cognito(cloud.cognitoUrl).send(
        new AdminCreateUserCommand({
          UserPoolId: localCloud.userPoolId,
          Username: 'kept@example.com',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'kept@example.com' }],
        }),
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });

  it('reuses the data folder on the next start', async () => {
    const cloud = await startCloud(dataDir);
    try {
      const user = await cognito(cloud.cognitoUrl).send(
        new AdminGetUserCommand({
          UserPoolId: localCloud.userPoolId,
          Username: 'kept@example.com',
        }),
      );
      assert.equal(
        user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value,
        'kept@example.com',
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });

  it('starts from empty with --fresh', async () => {
    const cloud = await startCloud(dataDir, '--fresh');
    try {
      await assert.rejects(
        cognito(cloud.cognitoUrl).send(
          new AdminGetUserCommand({
            UserPoolId: localCloud.userPoolId,
            Username: 'kept@example.com',
          }),
        ),
        { name: 'UserNotFoundException' },
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });
});
