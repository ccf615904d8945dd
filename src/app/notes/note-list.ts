import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  signal,
  viewChildren,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { exactTime, TimeAgoPipe } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { flashMessage } from '../core/flash';
import { Loadable } from '../core/loadable';
import { Skeleton } from '../core/skeleton';
import { type Note, noteHeading, type NotesPage } from './note';
import { Highlight } from './highlight';
import { notePreview } from './note-preview';
import { NotesApi } from './notes-api';
import { NotesListState } from './notes-list-state';

export const notesPageSize = 20;

/**
 * The signed-in person's notes, last changed first, one page at a time. Coming back from a note
 * shows what was loaded before at the same scroll position at once, then refreshes the first page.
 */
@Component({
  selector: 'app-note-list',
  imports: [RouterLink, ErrorAlert, Highlight, Skeleton, TimeAgoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="title-row">
      <h1>My notes</h1>
      <a class="button" routerLink="/notes/new">New note</a>
    </div>
    @if (flash) {
      <p class="success" role="status">{{ flash }}</p>
    }
    <search class="search">
      <label for="note-search">Search your notes</label>
      <input
        id="note-search"
        type="search"
        #searchInput
        [value]="query()"
        (input)="searchFor(searchInput.value)"
        autocomplete="off"
        aria-describedby="note-search-status"
      />
      <p id="note-search-status" class="hint" aria-live="polite">{{ searchStatus() }}</p>
    </search>
    @if (query().trim()) {
      @if (searchError(); as message) {
        <app-error-alert [message]="message" retryLabel="Try again" (retry)="runSearch(false)" />
      }
      <ul class="notes" aria-label="Search results">
        @for (note of results(); track note.noteId) {
          <li class="row">
            <a class="heading" [routerLink]="['/notes', note.noteId]"
              ><app-highlight [text]="heading(note)" [query]="query()"
            /></a>
            <span class="preview"
              ><app-highlight [text]="matchLine(note)" [query]="query()"
            /></span>
          </li>
        }
      </ul>
      @if (resultsCursor()) {
        <p class="more">
          <button
            type="button"
            class="secondary"
            [disabled]="searching()"
            (click)="runSearch(true)"
          >
            {{ searching() ? 'Searching…' : 'More results' }}
          </button>
        </p>
      }
    } @else {
      @switch (page.status()) {
        @case ('loading') {
          <p class="visually-hidden" role="status">Loading your notes…</p>
          @for (row of skeletonRows; track row) {
            <app-skeleton class="skeleton-row" />
          }
        }
        @case ('error') {
          <app-error-alert [message]="page.message()!" retryLabel="Try again" (retry)="reload()" />
        }
        @default {
          @if (notes().length === 0) {
            <div class="empty">
              <p class="empty-title">You have no notes yet.</p>
              <p>Notes you write are kept private to you and open on any device you sign in on.</p>
              <a class="button" routerLink="/notes/new">Write your first note</a>
            </div>
          } @else {
            <ul class="notes" aria-label="Notes, last changed first">
              @for (note of notes(); track note.noteId) {
                <!-- The link holds the heading only (its name); its ::after covers the whole row. -->
                <li class="row">
                  <a #noteLink class="heading" [routerLink]="['/notes', note.noteId]">{{
                    heading(note)
                  }}</a>
                  @if (preview(note); as text) {
                    <span class="preview">{{ text }}</span>
                  }
                  <span class="meta"
                    >Changed
                    <time [attr.datetime]="note.updatedAt" [attr.title]="exact(note.updatedAt)">{{
                      note.updatedAt | timeAgo: now()
                    }}</time>
                    <span class="exact"> · {{ exact(note.updatedAt) }}</span></span
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
    }
  `,
  styles: `
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-2) var(--space-4);
      margin-bottom: var(--space-4);
    }
    .title-row h1 {
      margin: 0;
    }
    .notes {
      list-style: none;
      margin: 0;
      padding: 0;
      border-top: 1px solid var(--line);
    }
    .row {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      min-height: 2.75rem;
      padding: var(--space-3) var(--space-2);
      border-bottom: 1px solid var(--line);
    }
    .row:hover {
      background: var(--surface);
    }
    .heading {
      font-weight: 600;
      color: var(--link);
      overflow-wrap: anywhere;
      text-decoration: none;
    }
    .heading::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    .heading:focus-visible {
      outline: none;
    }
    .row:has(.heading:focus-visible) {
      outline: 3px solid var(--focus);
      outline-offset: -3px;
    }
    .row:hover .heading {
      text-decoration: underline;
    }
    .preview {
      color: var(--text);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .meta {
      color: var(--muted);
      font-size: var(--text-sm);
    }
    .exact {
      display: none;
    }
    .row:has(.heading:focus-visible) .exact,
    .row:hover .exact {
      display: inline;
    }
    .search {
      display: block;
      margin-bottom: var(--space-4);
    }
    .search .hint:empty {
      display: none;
    }
    .more {
      margin-top: var(--space-4);
      text-align: center;
    }
    .empty {
      text-align: center;
      padding: var(--space-6) var(--space-4);
      border: 1px dashed var(--border);
      border-radius: var(--radius-lg);
    }
    .empty-title {
      font-size: var(--text-lg);
      font-weight: 600;
      margin: 0 0 var(--space-2);
    }
    .skeleton-row {
      padding: var(--space-1) var(--space-2);
      border-bottom: 1px solid var(--line);
    }
  `,
})
export class NoteList {
  private readonly api = inject(NotesApi);
  private readonly state = inject(NotesListState);

  protected readonly flash = flashMessage();
  protected readonly page = new Loadable<NotesPage>();
  protected readonly notes = signal<readonly Note[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  /** Ticks every minute so "2 minutes ago" stays true while the list is open. */
  protected readonly now = signal(Date.now());
  protected readonly heading = noteHeading;
  protected readonly preview = notePreview;
  protected readonly exact = exactTime;
  protected readonly skeletonRows = [1, 2, 3, 4, 5];
  private readonly noteLinks = viewChildren<ElementRef<HTMLAnchorElement>>('noteLink');
  private restoring = false;

  protected readonly query = signal('');
  protected readonly results = signal<readonly Note[]>([]);
  protected readonly resultsCursor = signal<string | null>(null);
  protected readonly searching = signal(false);
  protected readonly searchError = signal<string | null>(null);
  protected readonly searchStatus = signal('');
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to an older query are dropped: only the latest typing counts. */
  private searchRun = 0;

  /** Search as you type, once typing pauses. */
  protected searchFor(text: string): void {
    this.query.set(text);
    clearTimeout(this.searchTimer);
    if (!text.trim()) {
      this.results.set([]);
      this.resultsCursor.set(null);
      this.searchStatus.set('');
      return;
    }
    this.searchTimer = setTimeout(() => void this.runSearch(false), 250);
  }

  protected async runSearch(more: boolean): Promise<void> {
    const run = ++this.searchRun;
    const q = this.query().trim();
    this.searching.set(true);
    this.searchError.set(null);
    try {
      const page = await firstValueFrom(
        this.api.search(q, { limit: notesPageSize, cursor: more ? this.resultsCursor() : null }),
      );
      if (run !== this.searchRun) return;
      const results = more ? [...this.results(), ...page.notes] : page.notes;
      this.results.set(results);
      this.resultsCursor.set(page.nextCursor ?? null);
      this.searchStatus.set(
        results.length === 0 && !page.nextCursor
          ? `No notes contain “${q}”.`
          : `${results.length}${page.nextCursor ? '+' : ''} ${results.length === 1 ? 'note' : 'notes'} found`,
      );
    } catch (error) {
      if (run === this.searchRun) this.searchError.set(describeHttpError(error));
    } finally {
      if (run === this.searchRun) this.searching.set(false);
    }
  }

  /** The first line that contains the query, else the preview. */
  protected matchLine(note: Note): string {
    const needle = this.query().trim().toLocaleLowerCase();
    const line = note.content.split('\n').find((text) => text.toLocaleLowerCase().includes(needle));
    return (line ?? notePreview(note)).trim().slice(0, 140);
  }

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 60_000);
    // A plain listener, not a host binding: `window:` targets cost 0.6 kB of initial bundle, and
    // scrolling needs no change detection.
    const onScroll = () => this.rememberScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      clearTimeout(this.searchTimer);
      window.removeEventListener('scroll', onScroll);
    });
    const cached = this.state.notes();
    if (cached) {
      this.show(cached, this.state.cursor());
      this.page.value.set({ notes: cached, nextCursor: this.state.cursor() });
      this.page.status.set('ready');
      this.restoreScroll(this.state.scrollY());
      void this.refreshFirstPage();
    } else {
      void this.reload();
    }
  }

  protected async reload(): Promise<void> {
    const page = await this.page.run(() => this.api.list({ limit: notesPageSize }));
    if (!page) return;
    this.state.set(page.notes, page.nextCursor ?? null);
    this.show(page.notes, page.nextCursor ?? null);
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
      const notes = [...this.notes(), ...page.notes.filter((note) => !known.has(note.noteId))];
      this.state.set(notes, page.nextCursor ?? null);
      this.show(notes, page.nextCursor ?? null);
      // Reading continues at the first new note; on the last page the focused button disappears,
      // which would otherwise drop keyboard and screen-reader users at the top of the page.
      setTimeout(() => this.noteLinks()[firstNew]?.nativeElement.focus());
    } catch (error) {
      this.moreError.set(describeHttpError(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  private rememberScroll(): void {
    if (!this.restoring) this.state.rememberScroll(window.scrollY);
  }

  /** Back from a note: the cached pages are on screen; bring the first one up to date quietly. */
  private async refreshFirstPage(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list({ limit: notesPageSize }));
      this.state.refreshed(page.notes);
      this.show(this.state.notes() ?? page.notes, this.cursor());
    } catch {
      // What is on screen stays; the next visit tries again.
    }
  }

  private show(notes: readonly Note[], cursor: string | null): void {
    this.notes.set(notes);
    this.cursor.set(cursor);
  }

  private restoreScroll(scrollY: number, framesLeft = 10): void {
    this.restoring = true;
    // Once the cached rows are on screen (afterNextRender would add 1 kB to the initial bundle:
    // Angular core is one file, so whatever a lazy page uses of it loads up front).
    requestAnimationFrame(() => {
      if (this.noteLinks().length === 0 && framesLeft > 0) {
        this.restoreScroll(scrollY, framesLeft - 1);
        return;
      }
      window.scrollTo({ top: scrollY, behavior: 'instant' });
      this.restoring = false;
    });
  }
}
