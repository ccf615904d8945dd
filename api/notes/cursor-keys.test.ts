import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { BadRequestError } from '../http/errors.ts';
import {
  cursorKeyCacheMs,
  cursorKeysFromEnv,
  fileKeys,
  minRefreshMs,
  secretsManagerKeys,
} from './cursor-keys.ts';
import { cursorCodec, notesPage } from './cursor.ts';
import { newNoteId } from './note-id.ts';
import { cursorKeyRotation, type RotationEvent } from './rotate-cursor-key.ts';
import type { NotesStore } from './store.ts';

/**
 * Secrets Manager's version bookkeeping, as documented for rotation: versions carry staging
 * labels; moving AWSCURRENT to a version labels the one it leaves AWSPREVIOUS.
 */
class FakeSecretsManager {
  readonly versions = new Map<string, { value?: string; stages: Set<string> }>();
  calls = 0;
  rotationEnabled = true;

  constructor(initial: string) {
    this.versions.set(randomUUID(), { value: initial, stages: new Set(['AWSCURRENT']) });
  }

  #withStage(stage: string) {
    return [...this.versions].find(([, version]) => version.stages.has(stage));
  }

  #notFound(what: string) {
    return new ResourceNotFoundException({ message: `${what} not found`, $metadata: {} });
  }

  async send(command: object): Promise<Record<string, unknown>> {
    this.calls++;
    if (command instanceof GetSecretValueCommand) {
      const { VersionId, VersionStage = 'AWSCURRENT' } = command.input;
      const version = VersionId ? this.versions.get(VersionId) : this.#withStage(VersionStage)?.[1];
      if (!version || !version.stages.has(VersionStage) || version.value === undefined)
        throw this.#notFound(`${VersionStage}`);
      return { SecretString: version.value };
    }
    if (command instanceof DescribeSecretCommand)
      return {
        RotationEnabled: this.rotationEnabled,
        VersionIdsToStages: Object.fromEntries(
          [...this.versions].map(([id, version]) => [id, [...version.stages]]),
        ),
      };
    if (command instanceof PutSecretValueCommand) {
      const { ClientRequestToken, SecretString, VersionStages = ['AWSCURRENT'] } = command.input;
      const version = this.versions.get(ClientRequestToken!);
      if (!version) throw this.#notFound(ClientRequestToken!);
      version.value = SecretString;
      for (const stage of VersionStages) version.stages.add(stage);
      return {};
    }
    if (command instanceof UpdateSecretVersionStageCommand) {
      const { VersionStage, MoveToVersionId, RemoveFromVersionId } = command.input;
      assert.equal(VersionStage, 'AWSCURRENT');
      const from = this.versions.get(RemoveFromVersionId!)!;
      for (const version of this.versions.values()) version.stages.delete('AWSPREVIOUS');
      from.stages.delete('AWSCURRENT');
      from.stages.add('AWSPREVIOUS');
      const to = this.versions.get(MoveToVersionId!)!;
      to.stages.delete('AWSPENDING');
      to.stages.add('AWSCURRENT');
      return {};
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  }

  /** What Secrets Manager does on a scheduled rotation: a pending version, then the four steps. */
  async rotate(rotation: (event: RotationEvent) => Promise<void>, retryCreate = false) {
    const token = randomUUID();
    this.versions.set(token, { stages: new Set(['AWSPENDING']) });
    const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
    for (const Step of retryCreate ? (['createSecret', ...steps] as const) : steps)
      await rotation({ SecretId: 'cursor-secret', ClientRequestToken: token, Step });
  }

  get current(): string {
    return this.#withStage('AWSCURRENT')![1].value!;
  }
}

const owner = 'alice';
const position = () => `2026-11-23T09:30:00.000Z#${newNoteId()}`;

describe('cursor keys from Secrets Manager, with rotation', () => {
  it('keeps accepting cursors issued before a rotation (AWSPREVIOUS), until the next one', async () => {
    const secrets = new FakeSecretsManager('the-initial-cursor-key-0123456789');
    const rotate = cursorKeyRotation(secrets);
    let now = 0;
    const keys = secretsManagerKeys(secrets, 'cursor-secret', () => now);
    const before = (await cursorCodec(keys)).encode(owner, position());

    await secrets.rotate(rotate);
    now += cursorKeyCacheMs;
    const afterFirst = await cursorCodec(keys);
    assert.ok(afterFirst.decode(owner, before), 'issued before the rotation, still accepted');
    const between = afterFirst.encode(owner, position());
    assert.notEqual(between.split('.')[1], before.split('.')[1]);

    await secrets.rotate(rotate);
    now += cursorKeyCacheMs;
    const afterSecond = await cursorCodec(keys);
    assert.ok(afterSecond.decode(owner, between));
    assert.throws(() => afterSecond.decode(owner, before), BadRequestError, 'two rotations old');
  });

  it('rotation makes a fresh random key, and a retried step changes nothing', async () => {
    const secrets = new FakeSecretsManager('the-initial-cursor-key-0123456789');
    const rotate = cursorKeyRotation(secrets);
    await secrets.rotate(rotate, true);
    const first = secrets.current;
    assert.notEqual(first, 'the-initial-cursor-key-0123456789');
    assert.ok(Buffer.byteLength(first) >= 32);
    await secrets.rotate(rotate);
    assert.notEqual(secrets.current, first);
    assert.equal(
      [...secrets.versions.values()].filter((version) => version.stages.size > 0).length,
      2,
      'one AWSCURRENT and one AWSPREVIOUS',
    );
  });

  it('refuses to rotate a secret whose rotation is not enabled', async () => {
    const secrets = new FakeSecretsManager('the-initial-cursor-key-0123456789');
    secrets.rotationEnabled = false;
    await assert.rejects(secrets.rotate(cursorKeyRotation(secrets)), /not enabled/);
  });

  it('reads the secret once per cache period, not per request', async () => {
    const secrets = new FakeSecretsManager('the-initial-cursor-key-0123456789');
    let now = 0;
    const keys = secretsManagerKeys(secrets, 'cursor-secret', () => now);
    for (let i = 0; i < 20; i++) await keys.keys();
    assert.equal(secrets.calls, 2, 'AWSCURRENT and AWSPREVIOUS, once');
    now += cursorKeyCacheMs - 1;
    await keys.keys();
    assert.equal(secrets.calls, 2);
    now += 1;
    await keys.keys();
    assert.equal(secrets.calls, 4);
    // A refresh (an unknown cursor) is honoured at most every minRefreshMs.
    await keys.keys({ refresh: true });
    assert.equal(secrets.calls, 4);
    now += minRefreshMs;
    await keys.keys({ refresh: true });
    assert.equal(secrets.calls, 6);
  });

  it('an instance whose cached keys predate a rotation accepts a cursor signed with the new key', async () => {
    const secrets = new FakeSecretsManager('the-initial-cursor-key-0123456789');
    let now = 0;
    const stale = secretsManagerKeys(secrets, 'cursor-secret', () => now);
    await stale.keys();
    await secrets.rotate(cursorKeyRotation(secrets));
    const fresh = secretsManagerKeys(secrets, 'cursor-secret', () => now);
    const cursor = (await cursorCodec(fresh)).encode(owner, position());
    now += minRefreshMs;
    const store = {
      list: () => Promise.resolve({ notes: [] }),
    } as unknown as NotesStore;
    const page = await notesPage(store, owner, { cursor }, stale);
    assert.deepEqual(page, { notes: [], nextCursor: null });
    await assert.rejects(
      notesPage(store, 'bob', { cursor }, stale),
      BadRequestError,
      'still bound to its owner',
    );
  });
});

describe('cursor keys locally and without configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['CURSOR_SECRET_ID', 'CURSOR_SECRET_FILE', 'AWS_LAMBDA_FUNCTION_NAME'])
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
  });

  it('reads the key from the file CURSOR_SECRET_FILE names, and accepts <file>.previous', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cursor-keys-'));
    try {
      const file = join(dir, 'cursor-secret');
      await writeFile(file, 'the-old-local-cursor-key-0123456789\n', { mode: 0o600 });
      const old = (await cursorCodec(fileKeys(file))).encode(owner, position());
      await writeFile(`${file}.previous`, 'the-old-local-cursor-key-0123456789', { mode: 0o600 });
      await writeFile(file, 'the-new-local-cursor-key-0123456789', { mode: 0o600 });
      process.env['CURSOR_SECRET_FILE'] = file;
      const codec = await cursorCodec(cursorKeysFromEnv());
      assert.ok(codec.decode(owner, old));
      const fresh = codec.encode(owner, position());
      assert.ok((await cursorCodec(fileKeys(file))).decode(owner, fresh));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses a random per-process key without configuration, but insists on one on Lambda', async () => {
    delete process.env['CURSOR_SECRET_ID'];
    delete process.env['CURSOR_SECRET_FILE'];
    const codec = await cursorCodec(cursorKeysFromEnv());
    assert.ok(codec.decode(owner, codec.encode(owner, position())));
    process.env['AWS_LAMBDA_FUNCTION_NAME'] = 'listNotes';
    process.env['CURSOR_SECRET_FILE'] = '';
    process.env['CURSOR_SECRET_ID'] = '';
    assert.throws(() => cursorKeysFromEnv(), /CURSOR_SECRET_ID/);
  });
});
