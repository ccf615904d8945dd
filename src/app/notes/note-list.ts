import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  type OnInit,
  signal,
  viewChildren,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { DateTimePipe } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { flashMessage } from '../core/flash';
import { type Note, noteHeading } from './note';
import { NotesApi } from './notes-api';

export const notesPageSize = 20;

/** The signed-in person's notes, newest first, one page at a time. */
@Component({
  selector: 'app-note-list',
  imports: [RouterLink, ErrorAlert, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="title-row">
      <h1>My notes</h1>
      <a class="button" routerLink="/notes/new">New note</a>
    </div>
    @if (flash) {
      <p class="success" role="status">{{ flash }}</p>
    }

    @switch (status()) {
      @case ('loading') {
        <p class="status" role="status">Loading your notes…</p>
      }
      @case ('error') {
        <app-error-alert [message]="error()!" retryLabel="Try again" (retry)="reload()" />
      }
      @default {
        @if (notes().length === 0) {
          <p class="empty">
            You have no notes yet. <a routerLink="/notes/new">Write your first note</a>.
          </p>
        } @else {
          <ul class="notes" aria-label="Notes, newest first">
            @for (note of notes(); track note.noteId) {
              <li>
                <a #noteLink [routerLink]="['/notes', note.noteId]">{{ heading(note) }}</a>
                <span class="meta"
                  >Updated
                  <time [attr.datetime]="note.updatedAt">{{
                    note.updatedAt | dateTime
                  }}</time></span
                >
              </li>
            }
          </ul>
          @if (moreError(); as message) {
            <app-error-alert [message]="message" retryLabel="Try again" (retry)="loadMore()" />
          }
          @if (cursor()) {
            <p class="more">
              <button
                type="button"
                class="secondary"
                [disabled]="loadingMore()"
                [attr.aria-busy]="loadingMore()"
                (click)="loadMore()"
              >
                {{ loadingMore() ? 'Loading…' : 'Load more' }}
              </button>
            </p>
          }
        }
      }
    }
  `,
  styles: `
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-bottom: 1rem;
    }
    .title-row h1 {
      margin: 0;
    }
    .notes {
      list-style: none;
      margin: 0;
      padding: 0;
      border-top: 1px solid #ddd;
    }
    .notes li {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      padding: 0.75rem 0.25rem;
      border-bottom: 1px solid #ddd;
    }
    .notes a {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--muted);
      font-size: 0.9rem;
    }
    .more {
      margin-top: 1rem;
      text-align: center;
    }
  `,
})
export class NoteList implements OnInit {
  private readonly api = inject(NotesApi);

  protected readonly flash = flashMessage();
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly error = signal<string | null>(null);
  protected readonly notes = signal<readonly Note[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  protected readonly heading = noteHeading;
  private readonly noteLinks = viewChildren<ElementRef<HTMLAnchorElement>>('noteLink');

  ngOnInit(): void {
    void this.reload();
  }

  protected async reload(): Promise<void> {
    this.status.set('loading');
    try {
      const page = await firstValueFrom(this.api.list({ limit: notesPageSize }));
      this.notes.set(page.notes);
      this.cursor.set(page.nextCursor ?? null);
      this.status.set('ready');
    } catch (error) {
      this.error.set(describeHttpError(error));
      this.status.set('error');
    }
  }

  protected async loadMore(): Promise<void> {
    if (this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    try {
      const page = await firstValueFrom(
        this.api.list({ limit: notesPageSize, cursor: this.cursor() }),
      );
      const known = new Set(this.notes().map((note) => note.noteId));
      const firstNew = known.size;
      this.notes.update((notes) => [
        ...notes,
        ...page.notes.filter((note) => !known.has(note.noteId)),
      ]);
      this.cursor.set(page.nextCursor ?? null);
      // Reading continues at the first new note; on the last page the focused button disappears,
      // which would otherwise drop keyboard and screen-reader users at the top of the page.
      setTimeout(() => this.noteLinks()[firstNew]?.nativeElement.focus());
    } catch (error) {
      this.moreError.set(describeHttpError(error));
    } finally {
      this.loadingMore.set(false);
    }
  }
}
