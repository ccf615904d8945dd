import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError, ValidationError } from '../http/errors.ts';
import { pageLimit } from '../http/paging.ts';
import type { NotesPage } from './note-shape.ts';
import { isNoteId } from './note-id.ts';
import type { NotesStore } from './store.ts';
import { cursorKeysFromEnv, type CursorKeySource } from './cursor-keys.ts';

/** A list position: `updatedAt#noteId`, the `byLastChange` sort key of a page's last note. */
const positionPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#(.+)$/;
const isPosition = (position: string) => {
  const noteId = positionPattern.exec(position)?.[1];
  return noteId !== undefined && isNoteId(noteId);
};

/**
 * Opaque paging cursors bound to the user they were issued to. A cursor carries the list position
 * where a page ended (`updatedAt#noteId`) and an HMAC over (owner, position), so a cursor that was
 * edited, forged, or issued to someone else is refused with 400 — it never even reaches DynamoDB. (The query is also always
 * keyed by the caller's own `userId`, so a cursor could not page into another partition anyway.)
 */
export class CursorCodec {
  /** The signing key first, then keys still accepted (the one before a rotation). */
  readonly #keys: readonly Buffer[];

  constructor(key: string | Buffer, ...accepted: readonly (string | Buffer)[]) {
    this.#keys = [key, ...accepted].map((k) =>
      typeof k === 'string' ? Buffer.from(k, 'utf8') : k,
    );
    if (this.#keys.some((k) => k.length < 16))
      throw new Error('The cursor key must be at least 16 bytes');
  }

  // v2: the position is `updatedAt#noteId` (v1 carried the note id alone); v1 cursors are refused.
  #mac(key: Buffer, owner: string, position: string): Buffer {
    return createHmac('sha256', key).update(`notes-cursor/v2\n${owner}\n${position}`).digest();
  }

  encode(owner: string, position: string): string {
    return `${Buffer.from(position).toString('base64url')}.${this.#mac(this.#keys[0]!, owner, position).toString('base64url')}`;
  }

  /** The position after which the next page starts; throws 400 unless `owner` was issued this cursor. */
  decode(owner: string, cursor: string): string {
    const invalid = new BadRequestError('Invalid cursor', {
      cursor: 'is not a cursor issued to this caller',
    });
    const [id, mac, ...rest] = cursor.length <= 256 ? cursor.split('.') : [];
    if (!id || !mac || rest.length > 0) throw invalid;
    const position = Buffer.from(id, 'base64url').toString('utf8');
    const given = Buffer.from(mac, 'base64url');
    const signed = this.#keys.some((key) => {
      const expected = this.#mac(key, owner, position);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!signed || !isPosition(position)) throw invalid;
    return position;
  }
}

/** The codec for the current keys of `source` (this environment's by default). */
export async function cursorCodec(
  source: CursorKeySource = cursorKeysFromEnv(),
  options?: { readonly refresh?: boolean },
): Promise<CursorCodec> {
  const { current, previous } = await source.keys(options);
  return previous ? new CursorCodec(current, previous) : new CursorCodec(current);
}

/**
 * The position a cursor names. A cursor this instance cannot verify may be signed with a key
 * rotated in since it last fetched the keys: it refetches them (rate-limited) once and retries.
 */
async function decodeCursor(source: CursorKeySource, owner: string, cursor: string) {
  try {
    return (await cursorCodec(source)).decode(owner, cursor);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    return (await cursorCodec(source, { refresh: true })).decode(owner, cursor);
  }
}

/**
 * One page of `owner`'s notes as the API answers it, from the query's `limit` and `cursor`: the
 * cursor must have been issued for `owner`, and the next one is issued for `owner` only.
 */
export async function notesPage(
  store: NotesStore,
  owner: string,
  query: { readonly limit?: string | undefined; readonly cursor?: string | undefined },
  keys: CursorKeySource = cursorKeysFromEnv(),
): Promise<NotesPage> {
  const limit = pageLimit(query.limit);
  const after = query.cursor ? await decodeCursor(keys, owner, query.cursor) : undefined;
  const page = await store.list(owner, { limit, ...(after ? { after } : {}) });
  return {
    notes: page.notes,
    nextCursor: page.lastKey ? (await cursorCodec(keys)).encode(owner, page.lastKey) : null,
  };
}

/** Notes read per search request at most: the bound on its cost, whatever the number of notes. */
export const searchScanBudget = 500;

/**
 * One page of `owner`'s notes containing `q`, as `GET /notes/search` answers it: up to `limit`
 * matches, and a cursor (signed for `owner`, like the list's) while notes remain unread.
 */
export async function searchPage(
  store: NotesStore,
  owner: string,
  query: {
    readonly q?: string | undefined;
    readonly limit?: string | undefined;
    readonly cursor?: string | undefined;
  },
  keys: CursorKeySource = cursorKeysFromEnv(),
): Promise<NotesPage> {
  const text = query.q?.trim() ?? '';
  if (text.length === 0 || text.length > 200)
    throw new ValidationError(
      { q: 'must be 1 to 200 characters' },
      'Invalid search: q must be 1 to 200 characters',
    );
  const limit = pageLimit(query.limit);
  const after = query.cursor ? await decodeCursor(keys, owner, query.cursor) : undefined;
  const page = await store.search(owner, {
    text,
    limit,
    scanBudget: searchScanBudget,
    ...(after ? { after } : {}),
  });
  return {
    notes: page.notes,
    nextCursor: page.lastKey ? (await cursorCodec(keys)).encode(owner, page.lastKey) : null,
  };
}
