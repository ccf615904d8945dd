/**
 * The note as it crosses the wire, stated once for both sides: the API validates and answers
 * with it, the SPA (src/app/notes) types its requests and guides typing with the same limits.
 * No imports, so the browser build can include it as it is.
 */

/** A note as the API returns it (the owner's `userId` stays in the table). */
export interface Note {
  readonly noteId: string;
  readonly title?: string;
  readonly content: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Starts at 1, +1 per update; also the `ETag`, sent back on update to detect conflicts. */
  readonly version: number;
}

/**
 * One page of notes as `GET /notes` and `GET /notes/search` answer it. `nextCursor` is opaque
 * (signed, bound to the owner); pass it back as `cursor` for the next page; null on the last one.
 */
export interface NotesPage {
  readonly notes: readonly Note[];
  readonly nextCursor: string | null;
}

export interface NoteInput {
  readonly title?: string;
  readonly content: string;
}

/** Length limits, in UTF-16 code units as a browser counts them. */
export const limits = { title: 200, content: 100_000 } as const;
