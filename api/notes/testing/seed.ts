/**
 * Seeding for tests and benchmarks: many new notes at once with BatchWriteItem (25 per request,
 * unprocessed items retried). No idempotency check, since the ids are fresh; the API's own
 * `NotesStore.create` is the path that checks.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { newItem, toNote } from '../item.ts';
import type { CreateNoteBody, Note } from '../note.ts';
import { documentClientFromEnv } from '../store.ts';
import { notesTable } from '../table.ts';

/** Writes `inputs` as new notes of `userId` to the table the environment names. */
export async function seedNotes(
  userId: string,
  inputs: readonly CreateNoteBody[],
  now = new Date(),
): Promise<Note[]> {
  const client = documentClientFromEnv(process.env);
  const table = process.env['NOTES_TABLE'] || notesTable.name;
  const items = inputs.map((input) => newItem(userId, input, now));
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result: BatchWriteCommandOutput = await client.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = result.UnprocessedItems?.[table];
    }
  }
  return items.map(toNote);
}
