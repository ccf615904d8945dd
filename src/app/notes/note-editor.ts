import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { type Note, noteLimits } from './note';
import { newNoteId } from '../../../api/notes/note-id';
import { NotesApi } from './notes-api';

/** Writes a new note (`/notes/new`) or edits one (`/notes/:noteId/edit`). */
@Component({
  selector: 'app-note-editor',
  imports: [RouterLink, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ isNew() ? 'New note' : 'Edit note' }}</h1>
    @switch (status()) {
      @case ('loading') {
        <p class="status" role="status">Loading the note…</p>
      }
      @case ('loadError') {
        <app-error-alert [message]="error()!" retryLabel="Try again" (retry)="load()" />
      }
      @default {
        <form (submit)="save($event)" novalidate>
          <div class="field">
            <label for="note-title">Title <span class="optional">(optional)</span></label>
            <input
              id="note-title"
              name="title"
              #titleInput
              [value]="title()"
              (input)="title.set(titleInput.value)"
              [attr.maxlength]="limits.title"
              autocomplete="off"
              [disabled]="saving()"
            />
          </div>
          <div class="field">
            <label for="note-content">Note</label>
            <textarea
              id="note-content"
              name="content"
              #contentInput
              [value]="content()"
              (input)="content.set(contentInput.value)"
              [attr.maxlength]="limits.content"
              required
              [attr.aria-invalid]="contentMissing()"
              [attr.aria-describedby]="contentMissing() ? 'note-content-error' : null"
              [disabled]="saving()"
            ></textarea>
            @if (contentMissing()) {
              <p id="note-content-error" class="field-error" role="alert">
                Write something before saving.
              </p>
            }
          </div>

          @if (status() === 'conflict') {
            <div class="conflict" role="alert">
              <p>
                <strong>This note was changed elsewhere</strong> (in another tab or on another
                device) after you opened it, so your changes were not saved.
              </p>
              <p>
                Reload to see the latest version. Your text stays below so you can copy it back.
              </p>
              <button
                type="button"
                class="secondary"
                [disabled]="reloading()"
                (click)="reloadLatest()"
              >
                {{ reloading() ? 'Reloading…' : 'Reload latest version' }}
              </button>
            </div>
          }
          @if (draft(); as draft) {
            <div class="field">
              <label for="note-draft">Your unsaved text</label>
              <textarea id="note-draft" readonly [value]="draft"></textarea>
            </div>
          }
          @if (saveError(); as message) {
            <app-error-alert [message]="message" />
          }

          <div class="actions">
            <button
              type="submit"
              [disabled]="saving() || status() === 'conflict'"
              [attr.aria-busy]="saving()"
            >
              {{ saving() ? 'Saving…' : 'Save' }}
            </button>
            <a class="button secondary" [routerLink]="isNew() ? ['/notes'] : ['/notes', noteId()]"
              >Cancel</a
            >
          </div>
        </form>
      }
    }
  `,
  styles: `
    .optional {
      font-weight: 400;
      color: var(--muted);
    }
    .field-error {
      color: var(--danger);
      margin: 0.25rem 0 0;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--danger);
      border-width: 2px;
    }
    .conflict {
      padding: 0.75rem 1rem;
      margin-bottom: 1rem;
      border: 1px solid #b88700;
      border-left-width: 0.4rem;
      border-radius: 0.375rem;
      background: #fff4d6;
    }
    .conflict p {
      margin: 0 0 0.5rem;
    }
    app-error-alert {
      display: block;
      margin-bottom: 1rem;
    }
  `,
})
export class NoteEditor {
  private readonly api = inject(NotesApi);
  private readonly router = inject(Router);

  /** From the route (`/notes/:noteId/edit`); empty for a new note. */
  protected readonly noteId = signal('');

  protected readonly limits = noteLimits;
  protected readonly isNew = computed(() => !this.noteId());
  protected readonly status = signal<'loading' | 'loadError' | 'editing' | 'conflict'>('editing');
  protected readonly error = signal<string | null>(null);
  protected readonly title = signal('');
  protected readonly content = signal('');
  protected readonly saving = signal(false);
  protected readonly reloading = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly contentMissing = computed(
    () => this.submitted() && this.content().trim() === '',
  );
  /** The person's text kept visible after a conflict, so nothing they typed is lost. */
  protected readonly draft = signal<string | null>(null);

  private version = 0;
  /** Chosen once per new note: a retried save re-sends the same id instead of making a copy. */
  private readonly newId = newNoteId();

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.noteId.set(params.get('noteId') ?? '');
        if (!this.isNew()) void this.load();
      });
  }

  protected async load(): Promise<void> {
    this.status.set('loading');
    try {
      this.fill(await firstValueFrom(this.api.get(this.noteId())));
      this.status.set('editing');
    } catch (error) {
      this.error.set(describeHttpError(error));
      this.status.set('loadError');
    }
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    if (this.saving() || this.contentMissing() || this.status() === 'conflict') return;
    this.saving.set(true);
    this.saveError.set(null);
    const input = { title: this.title().trim(), content: this.content() };
    try {
      const noteId = this.noteId();
      const saved = noteId
        ? await firstValueFrom(this.api.update(noteId, input, this.version))
        : await firstValueFrom(this.api.create({ ...input, noteId: this.newId }));
      await this.router.navigate(['/notes', saved.noteId], { state: { flash: 'Note saved.' } });
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 412) {
        this.draft.set(this.content());
        this.status.set('conflict');
      } else {
        this.saveError.set(describeHttpError(error));
      }
    } finally {
      this.saving.set(false);
    }
  }

  protected async reloadLatest(): Promise<void> {
    this.reloading.set(true);
    this.saveError.set(null);
    try {
      this.fill(await firstValueFrom(this.api.get(this.noteId())));
      this.status.set('editing');
    } catch (error) {
      this.saveError.set(describeHttpError(error));
    } finally {
      this.reloading.set(false);
    }
  }

  private fill(note: Note): void {
    this.title.set(note.title ?? '');
    this.content.set(note.content);
    this.version = note.version;
  }
}
