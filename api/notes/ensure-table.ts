/**
 * Creates the Notes table of `table.ts` where no CDK stack does: the local cloud's dynalite and the
 * api/ tests' one. Not imported by any handler (on AWS the stack owns the table).
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DynamoDBDocumentClient,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { lastChangeKey, notesTable } from './table.ts';

const index = notesTable.byLastChange;

function createTable(): CreateTableCommand {
  return new CreateTableCommand({
    TableName: notesTable.name,
    AttributeDefinitions: [
      { AttributeName: notesTable.partitionKey.name, AttributeType: notesTable.partitionKey.type },
      { AttributeName: notesTable.sortKey.name, AttributeType: notesTable.sortKey.type },
      { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
    ],
    KeySchema: [
      { AttributeName: notesTable.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: notesTable.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

/**
 * Creates the Notes table unless it exists, then waits until it is ACTIVE; safe on every start. A
 * table from before the `byLastChange` index (a local data folder of an older version) is rebuilt
 * with it: dynalite cannot add an index to a table, so its items are read, the table recreated and
 * the items written back with their list position.
 */
export async function ensureNotesTable(client: DynamoDBClient): Promise<void> {
  try {
    await client.send(createTable());
  } catch (error) {
    // Already there from an earlier start (or created by another process just now).
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilActive(client);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
  if (Table?.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.name)) return;
  await addLastChangeIndex(client);
}

async function addLastChangeIndex(client: DynamoDBClient): Promise<void> {
  const documents = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: notesTable.name, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  await client.send(new DeleteTableCommand({ TableName: notesTable.name }));
  for (const deadline = Date.now() + 10_000; ;) {
    try {
      await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`Table ${notesTable.name} is not deleted after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await client.send(createTable());
  await waitUntilActive(client);
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((item) => ({
      PutRequest: {
        Item: {
          ...item,
          updatedKey: lastChangeKey(item as { updatedAt: string; noteId: string }),
        },
      },
    }));
    let unprocessed: Record<string, unknown>[] | undefined = batch;
    while (unprocessed && unprocessed.length > 0) {
      const result: BatchWriteCommandOutput = await documents.send(
        new BatchWriteCommand({ RequestItems: { [notesTable.name]: unprocessed } }),
      );
      unprocessed = result.UnprocessedItems?.[notesTable.name];
    }
  }
}

async function waitUntilActive(client: DynamoDBClient): Promise<void> {
  // Even with createTableMs: 0 dynalite flips CREATING → ACTIVE on a timer, and until then it
  // refuses reads and writes; the SDK's waiter polls in whole seconds, too slow for a start-up.
  for (const deadline = Date.now() + 10_000; ;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (existing) => existing.IndexStatus === undefined || existing.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline)
      throw new Error(`Table ${notesTable.name} is still ${Table?.TableStatus} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
