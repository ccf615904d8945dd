import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog } from '../core/confirm-dialog';
import { DateTimePipe } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { flashMessage } from '../core/flash';
import { describeHttpError } from '../core/http-error';
import { Loadable } from '../core/loadable';
import { Skeleton } from '../core/skeleton';
import { appName } from '../core/page-title';
import { type Note, noteHeading } from './note';
import { NotesApi } from './notes-api';
import { NotesListState } from './notes-list-state';

/** One note, shown as text (never as HTML), with edit and delete. */
@Component({
  selector: 'app-note-detail',
  imports: [RouterLink, ErrorAlert, DateTimePipe, Skeleton, ConfirmDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back"><a routerLink="/notes">← All notes</a></p>
    @if (flash) {
      <p class="success" role="status">{{ flash }}</p>
    }
    @switch (status()) {
      @case ('loading') {
        <p class="visually-hidden" role="status">Loading the note…</p>
        <app-skeleton [shapes]="['title', 'line', 'block']" />
      }
      @case ('missing') {
        <h1>Note not found</h1>
        <p>
          This note does not exist, or it was deleted.
          <a routerLink="/notes">Back to your notes</a>.
        </p>
      }
      @case ('error') {
        <h1>Note</h1>
        <app-error-alert [message]="loaded.message()!" retryLabel="Try again" (retry)="load()" />
      }
      @default {
        @if (note(); as note) {
          <article>
            <h1 class="heading">{{ heading() }}</h1>
            <p class="meta">
              Updated
              <time [attr.datetime]="note.updatedAt">{{ note.updatedAt | dateTime }}</time> ·
              created <time [attr.datetime]="note.createdAt">{{ note.createdAt | dateTime }}</time>
            </p>
            <div class="content" data-testid="note-content">{{ note.content }}</div>
          </article>
          <div class="actions">
            <a class="button" [routerLink]="['/notes', note.noteId, 'edit']">Edit</a>
            <button type="button" class="danger" [disabled]="deleting()" (click)="askToDelete()">
              Delete
            </button>
          </div>
          @if (deleteError(); as message) {
            <app-error-alert [message]="message" />
          }
        }
      }
    }

    <app-confirm-dialog
      heading="Delete this note?"
      [confirmLabel]="deleting() ? 'Deleting…' : 'Delete note'"
      [busy]="deleting()"
      (confirmed)="deleteNote()"
    >
      “{{ heading() }}” will be deleted for good. This cannot be undone.
    </app-confirm-dialog>
  `,
  styles: `
    .back {
      margin: 0 0 1rem;
    }
    .heading {
      overflow-wrap: anywhere;
      margin-bottom: 0.25rem;
    }
    .meta {
      color: var(--muted);
      font-size: 0.9rem;
      margin-top: 0;
    }
    .content {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      padding: 1rem;
      background: var(--surface);
      border-radius: 0.375rem;
      margin-bottom: 1.5rem;
    }
  `,
})
export class NoteDetail {
  private readonly api = inject(NotesApi);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly dialog = viewChild.required(ConfirmDialog);

  /** From the route: `/notes/:noteId`. */
  protected readonly noteId = signal('');

  protected readonly flash = flashMessage();
  private readonly listState = inject(NotesListState);
  protected readonly loaded = new Loadable<Note>();
  protected readonly status = computed(() => {
    const failure = this.loaded.failure();
    if (this.loaded.status() !== 'error') return this.loaded.status();
    return failure instanceof HttpErrorResponse && failure.status === 404 ? 'missing' : 'error';
  });
  protected readonly note = this.loaded.value;
  protected readonly heading = computed(() => {
    const note = this.note();
    return note ? noteHeading(note) : '';
  });
  protected readonly deleting = signal(false);
  protected readonly deleteError = signal<string | null>(null);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.noteId.set(params.get('noteId') ?? '');
        void this.load();
      });
  }

  protected async load(): Promise<void> {
    // A note the list already has opens at once; the fresh copy replaces it when it arrives.
    const cached = this.listState.find(this.noteId());
    if (cached) this.show(cached);
    const note = await this.loaded.run(() => this.api.get(this.noteId()), { quiet: !!cached });
    if (note) this.show(note);
    else if (this.status() === 'missing') this.listState.deleted(this.noteId());
  }

  private show(note: Note): void {
    this.loaded.value.set(note);
    this.loaded.status.set('ready');
    this.title.setTitle(`${noteHeading(note)} · ${appName}`);
  }

  protected askToDelete(): void {
    this.deleteError.set(null);
    this.dialog().open();
  }

  protected closeDialog(): void {
    this.dialog().close();
  }

  protected async deleteNote(): Promise<void> {
    this.deleting.set(true);
    try {
      await firstValueFrom(this.api.delete(this.noteId()));
      this.listState.deleted(this.noteId());
      this.closeDialog();
      await this.router.navigate(['/notes'], { state: { flash: 'Note deleted.' } });
    } catch (error) {
      this.closeDialog();
      this.deleteError.set(describeHttpError(error));
    } finally {
      this.deleting.set(false);
    }
  }
}
