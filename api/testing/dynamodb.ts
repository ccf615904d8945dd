/**
 * A real dynalite on disk (fresh temp folder, port 0) with the Notes table, for api/ tests.
 * api/ must not import local/, so this is local/dynamodb.ts minus persistence across runs; both
 * create the table with `ensureNotesTable`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureNotesTable } from '../notes/ensure-table.ts';

export interface TestDynamoDb {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startTestDynamoDb(): Promise<TestDynamoDb> {
  const dir = await mkdtemp(join(tmpdir(), 'notes-api-test-'));
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    await ensureNotesTable(client);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Points the handlers' environment at `db`, as the local gateway does. */
export function useTestDynamoDb(db: TestDynamoDb): void {
  process.env['DYNAMODB_ENDPOINT'] = db.endpoint;
  process.env['AWS_REGION'] = 'us-east-1';
  delete process.env['NOTES_TABLE'];
}
