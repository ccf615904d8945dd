/**
 * Post confirmation trigger: a new account's first note, so nobody starts with an empty list.
 * Written through the api's NotesStore into the Notes table under the user's `sub` (the partition
 * the Notes API reads). The note id is derived from `sub`, so Cognito's retries of this trigger
 * and a second confirmation path never write a second welcome note.
 */
import { createHash } from 'node:crypto';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { notesStoreFromEnv } from '../notes/store.ts';
import { triggers } from './declaration.ts';

export const welcomeNote = {
  title: 'Welcome to Notes',
  content:
    'This is your first note. Edit it, delete it, or add your own with "New note". ' +
    'Only you can see your notes.',
} as const;

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID with time 0 (it sorts as the oldest note) and 80 bits from a hash of the user's sub. */
export function welcomeNoteId(sub: string): string {
  const digest = createHash('sha256').update(`welcome:${sub}`).digest();
  let random = '';
  for (let i = 0; i < 16; i += 1) random += crockford[digest[i]! & 31];
  return `${'0'.repeat(10)}${random}`;
}

export const handler = async (
  event: PostConfirmationTriggerEvent,
): Promise<PostConfirmationTriggerEvent> => {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const sub = event.request.userAttributes['sub'];
  if (!sub) throw new Error('the event has no sub attribute');
  await notesStoreFromEnv(triggers.postConfirmation).create(sub, {
    ...welcomeNote,
    noteId: welcomeNoteId(sub),
  });
  return event;
};
