/**
 * `npm run backfill`: gives every note written before the `byLastChange` index its list position
 * (`updatedKey` = `updatedAt#noteId`, api/notes/table.ts), so the last-changed list, a Query on
 * that index, shows it. DynamoDB leaves an item without the index's sort key out of the index:
 * without this, such notes would be missing from the list on AWS (they still open by id).
 *
 * Safe to run at any time, as often as you like, while the app is in use:
 * - one paginated Scan of the items that lack the attribute (only keys and `updatedAt` read);
 * - per note one conditional UpdateItem that sets only `updatedKey`, and only while the note
 *   still lacks it and still has the `updatedAt` the Scan saw. A note edited meanwhile already
 *   got its (newer) position from the edit and is left alone; a deleted one is not recreated.
 *   Nothing else of a note is written, so no concurrent edit is lost;
 * - a second run finds nothing left to do.
 *
 * Usage:
 *   npm run backfill -- --table <NotesTableName>   # on AWS (credentials and AWS_REGION from the shell)
 *   npm run backfill -- --local                    # the local cloud's DynamoDB (DYNAMODB_PORT, default 8000)
 *   add --dry-run to count without writing.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  ScanCommand,
  UpdateCommand,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { localCloud } from '../amplify-config.ts';
import { lastChangeKey, notesTable } from '../api/notes/table.ts';

export interface BackfillResult {
  /** Notes found without `updatedKey`. */
  readonly found: number;
  /** Given their position by this run. */
  readonly updated: number;
  /** Changed or deleted between the Scan and their update (an edit sets the position itself). */
  readonly changedMeanwhile: number;
  /** Without `updatedAt` to place them by: reported, never guessed. */
  readonly withoutUpdatedAt: readonly { readonly userId: string; readonly noteId: string }[];
}

export interface BackfillOptions {
  /** Anything that sends Document-client commands (a DynamoDBDocumentClient). */
  readonly client: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
  readonly dryRun?: boolean;
  /** Items per Scan page (DynamoDB reads at most 1 MB per page anyway). */
  readonly pageSize?: number;
}

export async function backfillUpdatedKey(options: BackfillOptions): Promise<BackfillResult> {
  const { client, tableName } = options;
  const index = notesTable.byLastChange.sortKey.name;
  let found = 0;
  let updated = 0;
  let changedMeanwhile = 0;
  const withoutUpdatedAt: { userId: string; noteId: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'attribute_not_exists(#place)',
        ProjectionExpression: '#userId, #noteId, #updatedAt',
        ExpressionAttributeNames: {
          '#place': index,
          '#userId': notesTable.partitionKey.name,
          '#noteId': notesTable.sortKey.name,
          '#updatedAt': 'updatedAt',
        },
        Limit: options.pageSize ?? 500,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const { userId, noteId, updatedAt } = item as {
        userId: string;
        noteId: string;
        updatedAt?: unknown;
      };
      found++;
      if (typeof updatedAt !== 'string') {
        withoutUpdatedAt.push({ userId, noteId });
        continue;
      }
      if (options.dryRun) continue;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { userId, noteId },
            UpdateExpression: 'SET #place = :place',
            ConditionExpression:
              'attribute_exists(#noteId) AND attribute_not_exists(#place) AND #updatedAt = :updatedAt',
            ExpressionAttributeNames: {
              '#place': index,
              '#noteId': notesTable.sortKey.name,
              '#updatedAt': 'updatedAt',
            },
            ExpressionAttributeValues: {
              ':place': lastChangeKey({ updatedAt, noteId }),
              ':updatedAt': updatedAt,
            },
          }),
        );
        updated++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        changedMeanwhile++;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { found, updated, changedMeanwhile, withoutUpdatedAt };
}

const usage =
  'usage: npm run backfill -- --table <NotesTableName> | --local  [--dry-run]  (see scripts/backfill.ts)';

export function clientFor(flags: { local?: boolean; endpoint?: string }): DynamoDBDocumentClient {
  const endpoint =
    flags.endpoint ??
    (flags.local ? `http://localhost:${process.env['DYNAMODB_PORT'] ?? '8000'}` : undefined);
  return DynamoDBDocumentClient.from(
    new DynamoDBClient(
      endpoint
        ? {
            endpoint,
            region: localCloud.region,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {},
    ),
  );
}

export async function main(args: readonly string[]): Promise<string> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      table: { type: 'string' },
      local: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const tableName = values.table ?? (values.local || values.endpoint ? notesTable.name : undefined);
  if (!tableName) throw new Error(usage);
  const client = clientFor(values);
  try {
    const result = await backfillUpdatedKey({ client, tableName, dryRun: values['dry-run'] });
    const lines = [
      `${tableName}: ${result.found} note(s) without a list position`,
      values['dry-run']
        ? '  dry run: nothing written'
        : `  ${result.updated} given one, ${result.changedMeanwhile} changed or deleted meanwhile (already placed by their edit)`,
      ...result.withoutUpdatedAt.map(
        (key) => `  left alone, no updatedAt: userId ${key.userId}, noteId ${key.noteId}`,
      ),
    ];
    return lines.join('\n');
  } finally {
    client.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (report) => console.log(report),
    (error: Error) => {
      console.error(error.name === 'Error' ? error.message : `${error.name}: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
