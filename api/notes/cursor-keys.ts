/**
 * The keys that sign paging cursors, read at run time — never from a function's configuration.
 * Where they come from depends on the environment, through one seam (`cursorKeysFromEnv`):
 * - on AWS, `CURSOR_SECRET_ID` names a Secrets Manager secret: its `AWSCURRENT` version signs,
 *   its `AWSPREVIOUS` version (the key before the last rotation) is still accepted, so a
 *   rotation never breaks a cursor already handed out; both are cached for five minutes;
 * - locally, `CURSOR_SECRET_FILE` names a file (mode 0600, in the local cloud's data folder);
 *   `<file>.previous`, if present, plays the part of `AWSPREVIOUS`;
 * - with neither (tests, a one-process local gateway), a random per-process key — refused on
 *   Lambda, where each instance would reject the others' cursors.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { useSecret } from '../access.ts';
import type { HandlerRef } from '../routes.ts';

export interface CursorKeys {
  /** Signs new cursors. */
  readonly current: string | Buffer;
  /** Still accepted: the key before the last rotation (none before the first). */
  readonly previous?: string | Buffer;
}

export interface CursorKeySource {
  /** The keys, from the cache unless `refresh` (then at most once per `minRefreshMs`). */
  keys(options?: { readonly refresh?: boolean }): Promise<CursorKeys>;
}

/** How long fetched keys are used before being fetched again (a rotation shows up within it). */
export const cursorKeyCacheMs = 5 * 60_000;
/** An unknown cursor refetches the keys (another instance may have the new one) at most this often. */
export const minRefreshMs = 10_000;

/** The part of the Secrets Manager client this needs (a fake in tests). */
export interface SecretsReader {
  send(command: GetSecretValueCommand): Promise<{ SecretString?: string | undefined }>;
}

/** Caches `fetch` for `cacheMs`; a refresh is honoured at most every `minRefreshMs`. */
export function cachedKeys(
  fetch: () => Promise<CursorKeys>,
  clock: () => number = Date.now,
  cacheMs = cursorKeyCacheMs,
): CursorKeySource {
  let cached: { keys: Promise<CursorKeys>; at: number } | undefined;
  return {
    keys({ refresh = false } = {}) {
      const now = clock();
      const stale = !cached || now - cached.at >= cacheMs;
      const mayRefresh = refresh && cached !== undefined && now - cached.at >= minRefreshMs;
      if (stale || mayRefresh) {
        const keys = fetch();
        cached = { keys, at: now };
        // A failed fetch is not cached: the next call tries again.
        keys.catch(() => {
          if (cached?.keys === keys) cached = undefined;
        });
      }
      return cached!.keys;
    },
  };
}

/** `AWSCURRENT` and, when there is one, `AWSPREVIOUS` of a Secrets Manager secret. */
export function secretsManagerKeys(
  client: SecretsReader,
  secretId: string,
  clock?: () => number,
): CursorKeySource {
  const stage = async (VersionStage: string): Promise<string | undefined> => {
    try {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage }),
      );
      return SecretString;
    } catch (error) {
      // Before the first rotation there is no AWSPREVIOUS version.
      if (VersionStage !== 'AWSCURRENT' && error instanceof ResourceNotFoundException)
        return undefined;
      throw error;
    }
  };
  return cachedKeys(async () => {
    const [current, previous] = await Promise.all([stage('AWSCURRENT'), stage('AWSPREVIOUS')]);
    if (!current) throw new Error(`The cursor secret ${secretId} has no AWSCURRENT value`);
    return previous ? { current, previous } : { current };
  }, clock);
}

/** The key in `file` and, when it exists, the previous one in `<file>.previous`. */
export function fileKeys(file: string, clock?: () => number): CursorKeySource {
  return cachedKeys(async () => {
    const current = (await readFile(file, 'utf8')).trim();
    const previous = await readFile(`${file}.previous`, 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    );
    return previous ? { current, previous } : { current };
  }, clock);
}

let fromEnv: { config: string; source: CursorKeySource } | undefined;

/** The key source this environment configures (see the top of this file), built once per configuration. */
export function cursorKeysFromEnv(env: NodeJS.ProcessEnv = process.env): CursorKeySource {
  const secretId = env['CURSOR_SECRET_ID'] || undefined;
  const file = env['CURSOR_SECRET_FILE'] || undefined;
  if (!secretId && !file && env['AWS_LAMBDA_FUNCTION_NAME'])
    throw new Error(
      'CURSOR_SECRET_ID must be set on Lambda so every instance accepts the same cursors',
    );
  const config = `${secretId ?? ''}|${file ?? ''}`;
  if (fromEnv?.config === config) return fromEnv.source;
  let source: CursorKeySource;
  if (secretId) source = secretsManagerKeys(new SecretsManagerClient({}), secretId);
  else if (file) source = fileKeys(file);
  else {
    const keys = { current: randomBytes(32) };
    source = { keys: () => Promise.resolve(keys) };
  }
  fromEnv = { config, source };
  return source;
}

/** The key source for a handler, which must declare `secrets: ['cursorKey']` in api/routes.ts. */
export function cursorKeysFor(handler: HandlerRef): CursorKeySource {
  const source = cursorKeysFromEnv();
  return {
    keys: async (options) => {
      useSecret(handler, 'cursorKey');
      return source.keys(options);
    },
  };
}
