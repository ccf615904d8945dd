/**
 * Creates the Notes table of `table.ts` where no CDK stack does: the local cloud's dynalite and the
 * api/ tests' one. Not imported by any handler (on AWS the stack owns the table).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { notesTable } from './table.ts';

/** Creates the Notes table unless it exists, then waits until it is ACTIVE; safe on every start. */
export async function ensureNotesTable(client: DynamoDBClient): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: notesTable.name,
        AttributeDefinitions: [
          {
            AttributeName: notesTable.partitionKey.name,
            AttributeType: notesTable.partitionKey.type,
          },
          { AttributeName: notesTable.sortKey.name, AttributeType: notesTable.sortKey.type },
        ],
        KeySchema: [
          { AttributeName: notesTable.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: notesTable.sortKey.name, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    // Already there from an earlier start (or created by another process just now).
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // Even with createTableMs: 0 dynalite flips CREATING → ACTIVE on a timer, and until then it
  // refuses reads and writes; the SDK's waiter polls in whole seconds, too slow for a start-up.
  for (const deadline = Date.now() + 10_000; ;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new Error(`Table ${notesTable.name} is still ${Table?.TableStatus} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
