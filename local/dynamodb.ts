/**
 * Embedded DynamoDB: dynalite (DynamoDB's API on LevelDB) persisted under `<dataDir>/dynamodb`,
 * with the Notes table of `api/notes/table.ts` created on first start (`api/notes/ensure-table.ts`).
 * The API reaches it through the real AWS SDK with `DYNAMODB_ENDPOINT` set to the returned endpoint.
 *
 * dynalite 4.0.0 is patched (patches/dynalite+4.0.0.patch, applied by `npm install`): its streams
 * released LevelDB iterators with `return()`, which abstract-level iterators do not have, so every
 * Query kept one open and memory grew without bound under load. Its LevelDB binding, classic-level
 * 3.0.0, is patched too (patches/classic-level+3.0.0.patch): each iterator read reserved native
 * room for 1000 entries (about 64 KB) that is freed only when V8 collects the iterator, not when it
 * is closed, so under load hundreds of them waited for a GC (≈ 65 MiB of RSS); it reads 64 now.
 */
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureNotesTable } from '../api/notes/ensure-table.ts';
import { localOnly } from './local-only.ts';

export interface LocalDynamoDb {
  /** e.g. `http://127.0.0.1:8000`; pass as `DYNAMODB_ENDPOINT`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface StartDynamoDbOptions {
  readonly dataDir: string;
  /** Default 8000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export async function startDynamoDb(options: StartDynamoDbOptions): Promise<LocalDynamoDb> {
  const path = join(options.dataDir, 'dynamodb');
  await mkdir(path, { recursive: true, mode: 0o700 });
  // Tables are ACTIVE at once: nobody locally should have to poll for a table to come up.
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // dynalite accepts any signature and answers any page's CORS with `*`: in front of it, only
  // loopback `Host`s and no browsers at all (only the API's handlers, through the SDK, need it).
  const [dynaliteHandler] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', localOnly(dynaliteHandler!, { noBrowsers: true }));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8000, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const close = () =>
    new Promise<void>((resolve, reject) => {
      // Keep-alive sockets from SDK clients would otherwise hold close() open.
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });

  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureNotesTable(client);
  } catch (error) {
    await close();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, close };
}
