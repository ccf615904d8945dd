import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth';
import { NotesListState } from './notes-list-state';
import { aNote } from './testing/notes';

describe('NotesListState', () => {
  const user = signal({ userId: 'alice-sub', email: 'alice@example.com' });

  beforeEach(() => {
    user.set({ userId: 'alice-sub', email: 'alice@example.com' });
    TestBed.configureTestingModule({
      providers: [NotesListState, { provide: AuthService, useValue: { user } }],
    });
  });

  it('remembers the loaded notes, cursor and scroll position', () => {
    const state = TestBed.inject(NotesListState);
    expect(state.notes()).toBeNull();
    const [a, b] = [aNote(), aNote()];
    state.set([a, b], 'next');
    state.rememberScroll(640);
    expect(state.notes()).toEqual([a, b]);
    expect(state.cursor()).toBe('next');
    expect(state.scrollY()).toBe(640);
    expect(state.find(b.noteId)).toBe(b);
  });

  it('moves a saved note first, drops a deleted one, merges a fresh first page', () => {
    const state = TestBed.inject(NotesListState);
    const [a, b, c] = [aNote(), aNote(), aNote()];
    state.set([a, b, c], null);
    const editedC = { ...c, content: 'edited', version: 2 };
    state.saved(editedC);
    expect(state.notes()).toEqual([editedC, a, b]);
    state.deleted(a.noteId);
    expect(state.notes()).toEqual([editedC, b]);
    const d = aNote();
    state.refreshed([d, b]);
    expect(state.notes()).toEqual([d, b, editedC]);
  });

  it('is empty for the next person who signs in', () => {
    const state = TestBed.inject(NotesListState);
    state.set([aNote()], null);
    user.set({ userId: 'bob-sub', email: 'bob@example.com' });
    expect(state.notes()).toBeNull();
  });
});
