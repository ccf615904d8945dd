import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../http/errors.ts';
import { pageLimit } from '../http/paging.ts';
import type { Note } from './note.ts';
import { isNoteId } from './note-id.ts';
import type { NotesStore } from './store.ts';

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
  readonly #key: Buffer;

  constructor(key: string | Buffer) {
    this.#key = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (this.#key.length < 16) throw new Error('The cursor key must be at least 16 bytes');
  }

  // v2: the position is `updatedAt#noteId` (v1 carried the note id alone); v1 cursors are refused.
  #mac(owner: string, position: string): Buffer {
    return createHmac('sha256', this.#key)
      .update(`notes-cursor/v2\n${owner}\n${position}`)
      .digest();
  }

  encode(owner: string, position: string): string {
    return `${Buffer.from(position).toString('base64url')}.${this.#mac(owner, position).toString('base64url')}`;
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
    const expected = this.#mac(owner, position);
    if (
      given.length !== expected.length ||
      !timingSafeEqual(given, expected) ||
      !isPosition(position)
    )
      throw invalid;
    return position;
  }
}

let fromEnv: { secret: string | undefined; codec: CursorCodec } | undefined;

/**
 * The codec keyed by `CURSOR_SECRET`. Without it a random per-process key is used, which is fine
 * for the local gateway (one process; cursors just expire on restart) but not on Lambda, where
 * each instance would reject the others' cursors — so there the secret is required.
 */
export function cursorCodecFromEnv(): CursorCodec {
  const secret = process.env['CURSOR_SECRET'] || undefined;
  if (fromEnv && fromEnv.secret === secret) return fromEnv.codec;
  if (!secret && process.env['AWS_LAMBDA_FUNCTION_NAME']) {
    throw new Error(
      'CURSOR_SECRET must be set on Lambda so every instance accepts the same cursors',
    );
  }
  fromEnv = { secret, codec: new CursorCodec(secret ?? randomBytes(32)) };
  return fromEnv.codec;
}

/**
 * One page of `owner`'s notes as the API answers it, from the query's `limit` and `cursor`: the
 * cursor must have been issued for `owner`, and the next one is issued for `owner` only.
 */
export async function notesPage(
  store: NotesStore,
  owner: string,
  query: { readonly limit?: string | undefined; readonly cursor?: string | undefined },
): Promise<{ notes: readonly Note[]; nextCursor: string | null }> {
  const limit = pageLimit(query.limit);
  const codec = cursorCodecFromEnv();
  const after = query.cursor ? codec.decode(owner, query.cursor) : undefined;
  const page = await store.list(owner, { limit, ...(after ? { after } : {}) });
  return {
    notes: page.notes,
    nextCursor: page.lastKey ? codec.encode(owner, page.lastKey) : null,
  };
}
