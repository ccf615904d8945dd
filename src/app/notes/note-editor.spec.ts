import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { of, Subject, throwError } from 'rxjs';
import { type Note, noteLimits } from './note';
import { activatedRoute } from '../core/testing/activated-route';
import { NoteEditor } from './note-editor';
import { NotesApi } from './notes-api';
import { aNote, notesPageProviders } from './testing/notes';

describe('NoteEditor', () => {
  let api: jasmine.SpyObj<NotesApi>;
  let navigate: jasmine.Spy;

  async function render(noteId?: string) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        ...notesPageProviders(),
        activatedRoute({ params: noteId ? { noteId } : {} }),
        { provide: NotesApi, useValue: api },
      ],
    });
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    const fixture = TestBed.createComponent(NoteEditor);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  function type(element: HTMLElement, selector: string, value: string) {
    const field = element.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  async function submit(fixture: ComponentFixture<NoteEditor>, element: HTMLElement) {
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.clear();
    api = jasmine.createSpyObj<NotesApi>('NotesApi', ['get', 'create', 'update']);
  });
  afterEach(() => localStorage.clear());

  describe('a new note', () => {
    it('has labelled, empty fields', async () => {
      const { element } = await render();
      expect(element.querySelector('h1')?.textContent).toBe('New note');
      expect(element.querySelector('label[for="note-title"]')).not.toBeNull();
      expect(element.querySelector('label[for="note-content"]')).not.toBeNull();
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe('');
    });

    it('refuses to save an empty note and says why', async () => {
      const { fixture, element } = await render();
      type(element, '#note-content', '   ');
      await submit(fixture, element);
      expect(api.create).not.toHaveBeenCalled();
      expect(element.querySelector('#note-content-error')?.textContent).toContain(
        'Write something',
      );
      expect(element.querySelector('#note-content')?.getAttribute('aria-describedby')).toBe(
        'note-content-error',
      );
    });

    it('creates the note with a client-chosen id, disables saving meanwhile, then shows it', async () => {
      const saved = new Subject<Note>();
      api.create.and.returnValue(saved);
      const { fixture, element } = await render();
      type(element, '#note-title', ' Shopping ');
      type(element, '#note-content', 'eggs\nflour');
      await submit(fixture, element);
      const sent = api.create.calls.mostRecent().args[0];
      expect(sent.title).toBe('Shopping');
      expect(sent.content).toBe('eggs\nflour');
      expect(sent.noteId).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      const button = element.querySelector('button[type="submit"]') as HTMLButtonElement;
      expect(button.disabled).toBeTrue();
      expect(button.textContent).toContain('Saving');
      const note = aNote({ noteId: sent.noteId!, content: 'eggs\nflour' });
      saved.next(note);
      saved.complete();
      await fixture.whenStable();
      expect(navigate).toHaveBeenCalledWith(['/notes', note.noteId], {
        replaceUrl: true,
        state: { flash: 'Note saved.' },
      });
    });

    it('re-sends the same id when a failed save is retried, so no duplicate appears', async () => {
      api.create.and.returnValues(
        throwError(() => new HttpErrorResponse({ status: 0 })),
        of(aNote()),
      );
      const { fixture, element } = await render();
      type(element, '#note-content', 'once');
      await submit(fixture, element);
      expect(element.querySelector('[role="alert"]')?.textContent).toContain(
        'Cannot reach the server',
      );
      await submit(fixture, element);
      const [first, second] = api.create.calls.allArgs().map(([input]) => input.noteId);
      expect(second).toBe(first);
    });
  });

  describe('an existing note', () => {
    const note = aNote({ title: 'Plan', content: 'v3 text', version: 3 });

    it('loads the note into the fields', async () => {
      api.get.and.returnValue(of(note));
      const { element } = await render(note.noteId);
      expect(element.querySelector('h1')?.textContent).toBe('Edit note');
      expect((element.querySelector('#note-title') as HTMLInputElement).value).toBe('Plan');
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe('v3 text');
    });

    it('says when loading fails and retries', async () => {
      api.get.and.returnValues(
        throwError(() => new HttpErrorResponse({ status: 500 })),
        of(note),
      );
      const { fixture, element } = await render(note.noteId);
      (element.querySelector('[role="alert"] button') as HTMLButtonElement).click();
      await fixture.whenStable();
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe('v3 text');
    });

    it('saves with the version it loaded', async () => {
      api.get.and.returnValue(of(note));
      api.update.and.returnValue(of({ ...note, content: 'v4 text', version: 4 }));
      const { fixture, element } = await render(note.noteId);
      type(element, '#note-content', 'v4 text');
      await submit(fixture, element);
      expect(api.update).toHaveBeenCalledWith(
        note.noteId,
        { title: 'Plan', content: 'v4 text' },
        3,
      );
      expect(navigate).toHaveBeenCalledWith(['/notes', note.noteId], {
        replaceUrl: true,
        state: { flash: 'Note saved.' },
      });
    });

    it("on a 412 says the note changed elsewhere, keeps the person's text, and reloads the latest version on request", async () => {
      const latest = { ...note, content: 'changed in another tab', version: 4 };
      api.get.and.returnValues(of(note), of(latest));
      api.update.and.returnValues(
        throwError(
          () => new HttpErrorResponse({ status: 412, error: { message: 'Note was changed' } }),
        ),
        of({ ...latest, content: 'my words again', version: 5 }),
      );
      const { fixture, element } = await render(note.noteId);
      type(element, '#note-content', 'my words');
      await submit(fixture, element);
      const conflict = element.querySelector('.conflict')!;
      expect(conflict.getAttribute('role')).toBe('alert');
      expect(conflict.textContent).toContain('This note was changed elsewhere');
      expect((element.querySelector('#note-draft') as HTMLTextAreaElement).value).toBe('my words');
      expect(
        (element.querySelector('button[type="submit"]') as HTMLButtonElement).disabled,
      ).toBeTrue();

      (conflict.querySelector('button') as HTMLButtonElement).click();
      await fixture.whenStable();
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe(
        'changed in another tab',
      );
      expect(element.querySelector('.conflict')).toBeNull();
      expect((element.querySelector('#note-draft') as HTMLTextAreaElement).value).toBe('my words');

      type(element, '#note-content', 'my words again');
      await submit(fixture, element);
      expect(api.update.calls.mostRecent().args[2]).toBe(4);
    });

    it('after a conflict, a failed reload says so, and a successful retry clears that message', async () => {
      const latest = { ...note, content: 'changed in another tab', version: 4 };
      api.get.and.returnValues(
        of(note),
        throwError(() => new HttpErrorResponse({ status: 0 })),
        of(latest),
      );
      api.update.and.returnValue(throwError(() => new HttpErrorResponse({ status: 412 })));
      const { fixture, element } = await render(note.noteId);
      type(element, '#note-content', 'my words');
      await submit(fixture, element);
      const reload = () => (element.querySelector('.conflict button') as HTMLButtonElement).click();

      reload();
      await fixture.whenStable();
      expect(element.querySelector('app-error-alert')?.textContent).toContain(
        'Cannot reach the server',
      );

      reload();
      await fixture.whenStable();
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe(
        'changed in another tab',
      );
      expect(element.querySelector('app-error-alert')).toBeNull();
    });
  });

  describe('writing comfort and drafts', () => {
    const wait = () => new Promise((resolve) => setTimeout(resolve, 350));

    it('keeps what is typed as a draft, and offers it back on the next visit', async () => {
      const first = await render();
      type(first.element, '#note-content', 'half a thought');
      await wait();
      expect(first.fixture.componentInstance.hasUnsavedChanges()).toBeTrue();
      first.fixture.destroy();
      TestBed.resetTestingModule();

      const { fixture, element } = await render();
      expect(element.querySelector('.offer')?.textContent).toContain('You have an unsaved draft');
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe('');
      (element.querySelector('.offer button') as HTMLButtonElement).click();
      await fixture.whenStable();
      expect((element.querySelector('#note-content') as HTMLTextAreaElement).value).toBe(
        'half a thought',
      );
      expect(element.querySelector('.offer')).toBeNull();
    });

    it('forgets the draft once the note is saved, and has nothing unsaved then', async () => {
      api.create.and.callFake((input) =>
        of(aNote({ noteId: input.noteId!, content: input.content })),
      );
      const { fixture, element } = await render();
      type(element, '#note-content', 'done');
      await wait();
      await submit(fixture, element);
      expect(fixture.componentInstance.hasUnsavedChanges()).toBeFalse();
      expect(Object.keys(localStorage).filter((key) => key.startsWith('notes.draft'))).toEqual([]);
    });

    it('saves with Ctrl+S (and ⌘S)', async () => {
      api.create.and.callFake((input) =>
        of(aNote({ noteId: input.noteId!, content: input.content })),
      );
      const { fixture, element } = await render();
      type(element, '#note-content', 'quick');
      const textarea = element.querySelector('#note-content')!;
      textarea.dispatchEvent(
        new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }),
      );
      await fixture.whenStable();
      expect(api.create).toHaveBeenCalledTimes(1);
      textarea.dispatchEvent(
        new KeyboardEvent('keydown', { key: 's', metaKey: true, bubbles: true }),
      );
      await fixture.whenStable();
      expect(api.create).toHaveBeenCalledTimes(2);
    });

    it('shows a live character count only near the limit', async () => {
      const { fixture, element } = await render();
      type(element, '#note-content', 'short');
      await fixture.whenStable();
      expect(element.querySelector('#note-content-count')).toBeNull();
      type(element, '#note-content', 'x'.repeat(noteLimits.content - 10));
      await fixture.whenStable();
      const count = element.querySelector('#note-content-count')!;
      expect(count.textContent).toContain(new Intl.NumberFormat().format(noteLimits.content - 10));
      expect(element.querySelector('#note-content')?.getAttribute('aria-describedby')).toContain(
        'note-content-count',
      );
    });

    it('warns before the tab closes with unsaved text, and not otherwise', async () => {
      const { fixture, element } = await render();
      // Not a real beforeunload event: Karma treats one as a page reload and stops the run.
      const unload = () => {
        const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
        (
          fixture.componentInstance as unknown as { warnBeforeUnload(e: BeforeUnloadEvent): void }
        ).warnBeforeUnload(event);
        return event.defaultPrevented;
      };
      expect(unload()).toBeFalse();
      type(element, '#note-content', 'unsaved');
      expect(unload()).toBeTrue();
    });
  });
});
