import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { restrictTo } from '../access.ts';
import type { HandlerRef } from '../routes.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors.ts';
import { newItem, toNote } from './item.ts';
import type { CreateNoteBody, Note, NoteInput } from './note.ts';
import { lastChangeKey, notesTable } from './table.ts';

/** One page as read from the `byLastChange` index (the API turns `lastKey` into a cursor). */
export interface NotesIndexPage {
  readonly notes: readonly Note[];
  /** Where this page ended (`updatedAt#noteId`) when more notes follow; pass it back as `after`. */
  readonly lastKey?: string;
}

export interface NotesStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName?: string;
  readonly clock?: () => Date;
}

/**
 * Notes in DynamoDB, one partition per user (`userId` = the token's `sub`), keyed by ULID note id
 * and listed through the `byLastChange` index (last changed first). Every read and write is keyed by the caller's own `userId`, so another user's note is
 * simply absent (404), never "forbidden". Writes that depend on existing state are made atomic
 * with condition expressions rather than read-then-write.
 */
export class NotesStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: () => Date;

  constructor(options: NotesStoreOptions) {
    this.#client = options.client;
    this.#table = options.tableName ?? notesTable.name;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * Creates a note in one conditional UpdateItem, with no read: the condition accepts a new
   * note, or one this same request already created (same title and content, never edited since:
   * version 1), so a retry with a client-supplied `noteId` writes nothing new and answers the
   * stored note (`created: false`); a different request under that id fails the condition: 409.
   * `if_not_exists` keeps the first write's times and version (a PutItem would overwrite them
   * with the retry's), and `UPDATED_OLD` hands back the stored note only when the condition
   * passed, so a writer that may not read (the integration writer) learns nothing it did not send.
   */
  async create(userId: string, input: CreateNoteBody): Promise<{ note: Note; created: boolean }> {
    const item = newItem(userId, input, this.#clock());
    const { noteId } = item;
    const hasTitle = item.title !== undefined;
    try {
      const { Attributes: before } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { userId, noteId },
          UpdateExpression: [
            'SET #content = :content',
            ...(hasTitle ? ['#title = :title'] : []),
            '#createdAt = if_not_exists(#createdAt, :createdAt)',
            '#updatedAt = if_not_exists(#updatedAt, :updatedAt)',
            '#version = if_not_exists(#version, :version)',
            '#updatedKey = if_not_exists(#updatedKey, :updatedKey)',
          ].join(', '),
          ConditionExpression: `attribute_not_exists(#noteId) OR (#version = :version AND #content = :content AND ${hasTitle ? '#title = :title' : 'attribute_not_exists(#title)'})`,
          ExpressionAttributeNames: {
            '#noteId': 'noteId',
            '#content': 'content',
            '#title': 'title',
            '#createdAt': 'createdAt',
            '#updatedAt': 'updatedAt',
            '#version': 'version',
            '#updatedKey': 'updatedKey',
          },
          ExpressionAttributeValues: {
            ':content': item.content,
            ...(hasTitle ? { ':title': item.title } : {}),
            ':createdAt': item.createdAt,
            ':updatedAt': item.updatedAt,
            ':version': item.version,
            ':updatedKey': item.updatedKey,
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      // A new item has no old values; a replayed one had every attribute this update names.
      if (before?.['createdAt'] === undefined) return { note: toNote(item), created: true };
      return { note: toNote({ ...item, ...before }), created: false };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new ConflictError(`A different note with noteId ${noteId} already exists`);
    }
  }

  async get(userId: string, noteId: string): Promise<Note | undefined> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: { userId, noteId },
        ConsistentRead: true,
      }),
    );
    return result.Item ? toNote(result.Item) : undefined;
  }

  /** Up to `limit` of the owner's notes on the `byLastChange` index, last changed first. */
  #lastChangedFirst(userId: string, limit: number, start: Record<string, unknown> | undefined) {
    return this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: notesTable.byLastChange.name,
        KeyConditionExpression: 'userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
  }

  /**
   * One page of the user's notes, last changed first, starting after the list position `after`
   * (`updatedAt#noteId`, from the previous page). One Query on the `byLastChange` index; like every
   * GSI read it is eventually consistent, so a change made a moment ago may not have moved yet.
   */
  async list(userId: string, options: { limit: number; after?: string }): Promise<NotesIndexPage> {
    const start = options.after ? startKey(userId, options.after) : undefined;
    // Ask for one more than a page: if it exists there is a next page, and the last page never
    // comes back empty (a bare Limit would return a LastEvaluatedKey whenever it is reached).
    const result = await this.#lastChangedFirst(userId, options.limit + 1, start);
    const items = (result.Items ?? []).map(toNote);
    if (items.length <= options.limit) return { notes: items };
    const notes = items.slice(0, options.limit);
    return { notes, lastKey: lastChangeKey(notes[notes.length - 1]!) };
  }

  /**
   * Notes whose title or text contains `text` (case-insensitive), last changed first: a bounded
   * scan of the owner's own partition through the `byLastChange` index, filtered here (a
   * FilterExpression's `contains` is case-sensitive). At most `scanBudget` notes are read per call
   * whatever the number of matches, so the cost per request is bounded; `lastKey` says where to
   * go on when the partition was not read to its end. See the README on where a search engine
   * would take over.
   */
  async search(
    userId: string,
    options: { text: string; limit: number; scanBudget: number; after?: string },
  ): Promise<NotesIndexPage> {
    const needle = options.text.toLocaleLowerCase();
    const matches: Note[] = [];
    let start: Record<string, unknown> | undefined = options.after
      ? startKey(userId, options.after)
      : undefined;
    let examined = 0;
    let lastKey: string | undefined;
    for (;;) {
      const result = await this.#lastChangedFirst(
        userId,
        Math.min(100, options.scanBudget - examined),
        start,
      );
      for (const item of result.Items ?? []) {
        const note = toNote(item);
        examined += 1;
        lastKey = lastChangeKey(note);
        const haystack = `${note.title ?? ''}\n${note.content}`.toLocaleLowerCase();
        if (haystack.includes(needle)) matches.push(note);
        if (matches.length === options.limit) return { notes: matches, lastKey };
      }
      if (!result.LastEvaluatedKey) return { notes: matches };
      if (examined >= options.scanBudget)
        return { notes: matches, ...(lastKey ? { lastKey } : {}) };
      start = result.LastEvaluatedKey;
    }
  }

  /**
   * Replaces title and content if the note is still at `expectedVersion` (`undefined` = any
   * version). The check and the write are one conditional UpdateItem, so of two concurrent
   * updates from the same version exactly one succeeds and the other gets 412.
   */
  async update(
    userId: string,
    noteId: string,
    input: NoteInput,
    expectedVersion: number | undefined,
  ): Promise<Note> {
    const now = this.#clock().toISOString();
    try {
      const result = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { userId, noteId },
          UpdateExpression:
            input.title === undefined
              ? 'SET content = :content, updatedAt = :now, updatedKey = :place, version = version + :one REMOVE title'
              : 'SET content = :content, updatedAt = :now, updatedKey = :place, version = version + :one, title = :title',
          ConditionExpression:
            expectedVersion === undefined
              ? 'attribute_exists(noteId)'
              : 'attribute_exists(noteId) AND version = :expected',
          ExpressionAttributeValues: {
            ':content': input.content,
            ':now': now,
            ':place': lastChangeKey({ updatedAt: now, noteId }),
            ':one': 1,
            ...(input.title !== undefined ? { ':title': input.title } : {}),
            ...(expectedVersion !== undefined ? { ':expected': expectedVersion } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toNote(result.Attributes!);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw await this.#whyConditionFailed(userId, noteId);
    }
  }

  async delete(userId: string, noteId: string, expectedVersion: number | undefined): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { userId, noteId },
          ConditionExpression:
            expectedVersion === undefined
              ? 'attribute_exists(noteId)'
              : 'attribute_exists(noteId) AND version = :expected',
          ...(expectedVersion !== undefined
            ? { ExpressionAttributeValues: { ':expected': expectedVersion } }
            : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw await this.#whyConditionFailed(userId, noteId);
    }
  }

  async #whyConditionFailed(userId: string, noteId: string): Promise<Error> {
    const current = await this.get(userId, noteId);
    if (!current) return new NotFoundError('Note not found');
    return new PreconditionFailedError(
      `The note has changed: it is now at version ${current.version}`,
    );
  }
}

/** The index's ExclusiveStartKey for a list position: the table's key plus the index's key. */
function startKey(userId: string, after: string): Record<string, string> {
  const noteId = after.slice(after.lastIndexOf('#') + 1);
  return { userId, noteId, updatedKey: after };
}

/**
 * A DocumentClient for this environment: `DYNAMODB_ENDPOINT` locally, the regional endpoint on
 * AWS. Given a handler, it sends only the DynamoDB actions that handler declares.
 */
export function documentClientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  handler?: HandlerRef,
): DynamoDBDocumentClient {
  const endpoint = env['DYNAMODB_ENDPOINT'] || undefined;
  const region = env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || 'us-east-1';
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    // dynalite ignores credentials, but the SDK insists on some; without this it would probe
    // the instance metadata service and stall. On AWS the Lambda role's credentials are used.
    ...(endpoint && !env['AWS_ACCESS_KEY_ID']
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  if (handler) restrictTo(client, 'dynamodb', handler);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const fromEnv = new Map<string, { key: string; store: NotesStore }>();

/**
 * The store a handler uses, built once per handler and configuration (`NOTES_TABLE`,
 * `DYNAMODB_ENDPOINT`, `AWS_REGION`); without a handler, one unrestricted store (seeding, bench).
 */
export function notesStoreFromEnv(handler?: HandlerRef): NotesStore {
  const tableName = process.env['NOTES_TABLE'] || notesTable.name;
  const key = [tableName, process.env['DYNAMODB_ENDPOINT'], process.env['AWS_REGION']].join('|');
  const slot = handler ? `${handler.module}#${handler.export}` : '';
  let cached = fromEnv.get(slot);
  if (cached?.key !== key) {
    cached = {
      key,
      store: new NotesStore({ client: documentClientFromEnv(process.env, handler), tableName }),
    };
    fromEnv.set(slot, cached);
  }
  return cached.store;
}
