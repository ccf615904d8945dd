import { inject, Injectable } from '@angular/core';
import { AuthService } from '../auth/auth';

/** Unsaved text of one note (or of the new note), kept on this device until it is saved. */
export interface Draft {
  readonly title: string;
  readonly content: string;
  /** ISO time of the last keystroke kept. */
  readonly savedAt: string;
  /** The note's version the draft started from; absent for a new note. */
  readonly baseVersion?: number;
}

const prefix = 'notes.draft.v1';

/**
 * Drafts in `localStorage`, one per note and person (the key holds the user id, so whoever signs
 * in next on a shared browser does not see them). Storage can be full or disabled: then drafts
 * are simply not kept, the editor still works.
 */
@Injectable({ providedIn: 'root' })
export class Drafts {
  private readonly auth = inject(AuthService);

  get(noteId: string | null): Draft | null {
    try {
      const raw = localStorage.getItem(this.key(noteId));
      if (!raw) return null;
      const draft = JSON.parse(raw) as Partial<Draft>;
      return typeof draft.content === 'string' && typeof draft.title === 'string'
        ? (draft as Draft)
        : null;
    } catch {
      return null;
    }
  }

  save(noteId: string | null, draft: Draft): void {
    try {
      localStorage.setItem(this.key(noteId), JSON.stringify(draft));
    } catch {
      // Quota exceeded or storage disabled: nothing to do, the text is still in the editor.
    }
  }

  discard(noteId: string | null): void {
    try {
      localStorage.removeItem(this.key(noteId));
    } catch {
      // As above.
    }
  }

  private key(noteId: string | null): string {
    return `${prefix}:${this.auth.user()?.userId ?? 'anonymous'}:${noteId ?? 'new'}`;
  }
}
