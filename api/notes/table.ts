/** The Notes table, declared once: the local cloud creates it and the CDK stack deploys it. */
export const notesTable = {
  /** Default physical name; on AWS the stack passes its own through `NOTES_TABLE`. */
  name: 'Notes',
  partitionKey: { name: 'userId', type: 'S' },
  sortKey: { name: 'noteId', type: 'S' },
  /**
   * The list's order, last changed first, served by one Query on this global secondary index:
   * same partition (the owner), sorted by `updatedKey` = `updatedAt#noteId` (ISO times sort as
   * text; the id makes two changes in the same millisecond distinct). All attributes are
   * projected, so a page needs no second read.
   */
  byLastChange: {
    name: 'byLastChange',
    partitionKey: { name: 'userId', type: 'S' },
    sortKey: { name: 'updatedKey', type: 'S' },
  },
} as const;

/** The `byLastChange` sort key of a note. */
export function lastChangeKey(note: { readonly updatedAt: string; readonly noteId: string }) {
  return `${note.updatedAt}#${note.noteId}`;
}
