/** The Notes table, declared once: the local cloud creates it and the CDK stack deploys it. */
export const notesTable = {
  /** Default physical name; on AWS the stack passes its own through `NOTES_TABLE`. */
  name: 'Notes',
  partitionKey: { name: 'userId', type: 'S' },
  sortKey: { name: 'noteId', type: 'S' },
} as const;
