import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthService } from '../auth/auth';
import type { Note } from './note';

interface Loaded {
  readonly owner: string;
  readonly notes: readonly Note[];
  readonly cursor: string | null;
  readonly scrollY: number;
}

/**
 * What the list had loaded, kept while the person opens a note and comes back: the pages, the
 * cursor for the next one and the scroll position. Provided by the notes route, which lives for
 * the whole tab, so it is bound to the signed-in person: after someone else signs in it is empty.
 * Saves and deletes made in this tab update it, so it never shows a note as it was.
 */
@Injectable()
export class NotesListState {
  private readonly auth = inject(AuthService);
  private readonly loaded = signal<Loaded | null>(null);
  private readonly owner = computed(() => this.auth.user()?.userId ?? '');
  private readonly current = computed(() => {
    const loaded = this.loaded();
    return loaded && loaded.owner === this.owner() ? loaded : null;
  });

  /** `null` until a first page was loaded for the signed-in person. */
  readonly notes = computed(() => this.current()?.notes ?? null);
  readonly cursor = computed(() => this.current()?.cursor ?? null);
  readonly scrollY = computed(() => this.current()?.scrollY ?? 0);

  find(noteId: string): Note | undefined {
    return this.notes()?.find((note) => note.noteId === noteId);
  }

  /** Pages as loaded: the first page replaces everything, later ones are appended by the list. */
  set(notes: readonly Note[], cursor: string | null): void {
    this.loaded.set({ owner: this.owner(), notes, cursor, scrollY: this.scrollY() });
  }

  rememberScroll(scrollY: number): void {
    const current = this.current();
    if (current) this.loaded.set({ ...current, scrollY });
  }

  /** A note just saved: it was changed last, so it goes first (the list's order). */
  saved(note: Note): void {
    this.change((notes) => [note, ...notes.filter((other) => other.noteId !== note.noteId)]);
  }

  deleted(noteId: string): void {
    this.change((notes) => notes.filter((note) => note.noteId !== noteId));
  }

  /** A fresh first page replaces the cached notes it contains and goes first. */
  refreshed(firstPage: readonly Note[]): void {
    const fresh = new Set(firstPage.map((note) => note.noteId));
    this.change((notes) => [...firstPage, ...notes.filter((note) => !fresh.has(note.noteId))]);
  }

  private change(update: (notes: readonly Note[]) => readonly Note[]): void {
    const current = this.current();
    if (current) this.loaded.set({ ...current, notes: update(current.notes) });
  }
}
