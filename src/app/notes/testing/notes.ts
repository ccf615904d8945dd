import { type Provider, signal } from '@angular/core';
import { AuthService } from '../../auth/auth';
import type { Note } from '../note';
import { NotesListState } from '../notes-list-state';

let counter = 0;

/** A note as the API would return it; ids increase so "newer" notes sort first by id. */
export function aNote(overrides: Partial<Note> = {}): Note {
  counter += 1;
  return {
    noteId: `01J0000000000000000000${String(1000 + counter).slice(-4)}`,
    content: `Note number ${counter}`,
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T09:30:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** What the notes pages need besides their API: the signed-in person and the list's memory. */
export function notesPageProviders(userId = 'alice-sub'): Provider[] {
  return [
    NotesListState,
    {
      provide: AuthService,
      useValue: { user: signal({ userId, email: 'alice@example.com' }) },
    },
  ];
}
