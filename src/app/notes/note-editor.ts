import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { exactTime } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { Loadable } from '../core/loadable';
import { Skeleton } from '../core/skeleton';
import { type Draft, Drafts } from './drafts';
import { type Note, noteLimits } from './note';
import { newNoteId } from '../../../api/notes/note-id';
import { NotesApi } from './notes-api';
import { NotesListState } from './notes-list-state';
import type { HasUnsavedChanges } from './unsaved-changes';

/** The character count shows from this share of the limit on. */
const countFrom = 0.9;
const numberFormat = new Intl.NumberFormat();

/**
 * Writes a new note (`/notes/new`) or edits one (`/notes/:noteId/edit`). What is typed is kept as
 * a draft on this device until it is saved, and offered back on return; leaving with unsaved
 * changes asks first (route guard and `beforeunload`).
 */
@Component({
  selector: 'app-note-editor',
  imports: [RouterLink, ErrorAlert, Skeleton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ isNew() ? 'New note' : 'Edit note' }}</h1>
    @switch (status()) {
      @case ('loading') {
        <p class="visually-hidden" role="status">Loading the note…</p>
        <app-skeleton [shapes]="['wide', 'block']" />
      }
      @case ('loadError') {
        <app-error-alert [message]="loaded.message()!" retryLabel="Try again" (retry)="load()" />
      }
      @default {
        @if (offeredDraft(); as draft) {
          <div class="offer" role="region" aria-labelledby="draft-offer-title">
            <p id="draft-offer-title">
              <strong>You have an unsaved draft</strong> from {{ exact(draft.savedAt) }}.
            </p>
            <div class="actions">
              <button type="button" (click)="restoreDraft(draft)">Restore draft</button>
              <button type="button" class="secondary" (click)="discardDraft()">Discard it</button>
            </div>
          </div>
        }
        <form
          (submit)="save($event)"
          (keydown.control.s)="saveShortcut($event)"
          (keydown.meta.s)="saveShortcut($event)"
          novalidate
        >
          <div class="field">
            <label for="note-title">Title <span class="optional">(optional)</span></label>
            <input
              id="note-title"
              name="title"
              #titleInput
              [value]="title()"
              (input)="edit('title', titleInput.value)"
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
              (input)="edit('content', contentInput.value)"
              [attr.maxlength]="limits.content"
              required
              [attr.aria-invalid]="contentMissing()"
              [attr.aria-describedby]="describedBy()"
              [disabled]="saving()"
            ></textarea>
            @if (contentMissing()) {
              <p id="note-content-error" class="field-error" role="alert">
                Write something before saving.
              </p>
            }
            @if (showCount()) {
              <p id="note-content-count" class="hint count" [attr.data-full]="atLimit()">
                {{ count() }} of {{ limitText }} characters
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
              aria-keyshortcuts="Control+S Meta+S"
            >
              {{ saving() ? 'Saving…' : 'Save' }}
            </button>
            <a class="button secondary" [routerLink]="isNew() ? ['/notes'] : ['/notes', noteId()]"
              >Cancel</a
            >
            <span class="hint shortcut">Ctrl+S or ⌘S saves</span>
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
      margin: var(--space-1) 0 0;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--danger);
      border-width: 2px;
    }
    #note-content {
      /* Grows with its text (Chromium, Safari 26); elsewhere it stays resizable. */
      field-sizing: content;
      min-height: 14rem;
    }
    .count[data-full='true'] {
      color: var(--danger);
      font-weight: 600;
    }
    .shortcut {
      margin: 0;
    }
    .offer,
    .conflict {
      padding: var(--space-3) var(--space-4);
      margin-bottom: var(--space-4);
      border: 1px solid var(--warning-border);
      border-left-width: 0.4rem;
      border-radius: var(--radius);
      background: var(--warning-bg);
    }
    .offer p,
    .conflict p {
      margin: 0 0 var(--space-2);
    }
    app-error-alert {
      display: block;
      margin-bottom: var(--space-4);
    }
  `,
})
export class NoteEditor implements HasUnsavedChanges {
  private readonly api = inject(NotesApi);
  private readonly router = inject(Router);
  private readonly drafts = inject(Drafts);
  private readonly listState = inject(NotesListState);

  /** From the route (`/notes/:noteId/edit`); empty for a new note. */
  protected readonly noteId = signal('');

  protected readonly limits = noteLimits;
  protected readonly limitText = numberFormat.format(noteLimits.content);
  protected readonly exact = exactTime;
  protected readonly isNew = computed(() => !this.noteId());
  protected readonly loaded = new Loadable<Note>();
  protected readonly status = signal<'loading' | 'loadError' | 'editing' | 'conflict'>('editing');
  protected readonly title = signal('');
  protected readonly content = signal('');
  protected readonly saving = signal(false);
  protected readonly reloading = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly contentMissing = computed(
    () => this.submitted() && this.content().trim() === '',
  );
  protected readonly showCount = computed(
    () => this.content().length >= noteLimits.content * countFrom,
  );
  protected readonly count = computed(() => numberFormat.format(this.content().length));
  protected readonly atLimit = computed(() => this.content().length >= noteLimits.content);
  protected readonly describedBy = computed(
    () =>
      [
        this.contentMissing() ? 'note-content-error' : '',
        this.showCount() ? 'note-content-count' : '',
      ]
        .filter(Boolean)
        .join(' ') || null,
  );
  /** The person's text kept visible after a conflict, so nothing they typed is lost. */
  protected readonly draft = signal<string | null>(null);
  /** A draft from an earlier visit that differs from what is shown, until restored or discarded. */
  protected readonly offeredDraft = signal<Draft | null>(null);

  /** What was last loaded or saved: the text is "unsaved" when it differs from this. */
  private readonly baseline = signal({ title: '', content: '' });
  private readonly dirty = computed(
    () => this.title() !== this.baseline().title || this.content() !== this.baseline().content,
  );
  private version = 0;
  /** Chosen once per new note: a retried save re-sends the same id instead of making a copy. */
  private readonly newId = newNoteId();
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.noteId.set(params.get('noteId') ?? '');
        if (this.isNew()) this.offerDraft();
        else void this.load();
      });
    // A plain listener: a `window:` host binding would add 0.6 kB to the initial bundle.
    const onBeforeUnload = (event: BeforeUnloadEvent) => this.warnBeforeUnload(event);
    window.addEventListener('beforeunload', onBeforeUnload);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      this.keepDraftNow();
    });
  }

  hasUnsavedChanges(): boolean {
    if (this.dirty()) this.keepDraftNow();
    return this.dirty() && !this.saving();
  }

  private warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.dirty()) return;
    this.keepDraftNow();
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  }

  protected async load(): Promise<void> {
    // A note the list already has is shown at once; the fresh copy replaces it when it arrives.
    const cached = this.listState.find(this.noteId());
    if (cached) {
      this.fill(cached);
      this.status.set('editing');
    } else {
      this.status.set('loading');
    }
    const note = await this.loaded.run(() => this.api.get(this.noteId()), { quiet: !!cached });
    if (note) {
      // Keep what the person typed meanwhile; only an untouched form takes the fresh copy.
      if (!this.dirty() || !cached) this.fill(note);
      else this.version = note.version;
      this.status.set('editing');
      this.offerDraft();
    } else if (!cached) {
      this.status.set('loadError');
    }
  }

  protected edit(field: 'title' | 'content', value: string): void {
    (field === 'title' ? this.title : this.content).set(value);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      // Typed back to what is saved: nothing to keep.
      if (this.dirty()) this.keepDraftNow();
      else this.drafts.discard(this.draftKey());
    }, 300);
  }

  protected saveShortcut(event: Event): void {
    event.preventDefault();
    void this.save(event);
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
      clearTimeout(this.draftTimer);
      this.drafts.discard(this.draftKey());
      this.offeredDraft.set(null);
      this.fill(saved);
      this.listState.saved(saved);
      // The editor leaves history: Back from the saved note goes where the person came from,
      // not to a blank "New note" form (or an editor of what was just saved).
      await this.router.navigate(['/notes', saved.noteId], {
        replaceUrl: true,
        state: { flash: 'Note saved.' },
      });
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

  protected restoreDraft(draft: Draft): void {
    this.title.set(draft.title);
    this.content.set(draft.content);
    this.offeredDraft.set(null);
  }

  protected discardDraft(): void {
    this.drafts.discard(this.draftKey());
    this.offeredDraft.set(null);
  }

  private offerDraft(): void {
    const draft = this.drafts.get(this.draftKey());
    const differs = draft && (draft.title !== this.title() || draft.content !== this.content());
    this.offeredDraft.set(differs ? draft : null);
  }

  private keepDraftNow(): void {
    clearTimeout(this.draftTimer);
    if (!this.dirty()) return;
    this.drafts.save(this.draftKey(), {
      title: this.title(),
      content: this.content(),
      savedAt: new Date().toISOString(),
      ...(this.isNew() ? {} : { baseVersion: this.version }),
    });
  }

  private draftKey(): string | null {
    return this.noteId() || null;
  }

  private fill(note: Note): void {
    this.title.set(note.title ?? '');
    this.content.set(note.content);
    this.baseline.set({ title: note.title ?? '', content: note.content });
    this.version = note.version;
  }
}
