import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import { of, Subject, throwError } from 'rxjs';
import { activatedRoute } from '../core/testing/activated-route';
import { NoteDetail } from './note-detail';
import { NotesApi } from './notes-api';
import { aNote, notesPageProviders } from './testing/notes';

describe('NoteDetail', () => {
  let api: jasmine.SpyObj<NotesApi>;
  const note = aNote({ title: 'Holiday plans', content: 'Line one\n<b>not bold</b>' });

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        ...notesPageProviders(),
        activatedRoute({ params: { noteId: note.noteId } }),
        { provide: NotesApi, useValue: api },
      ],
    });
    const fixture = TestBed.createComponent(NoteDetail);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => {
    api = jasmine.createSpyObj<NotesApi>('NotesApi', ['get', 'delete']);
    api.get.and.returnValue(of(note));
  });

  it("shows the note's title and its content as text, and names the page after it", async () => {
    const { element } = await render();
    expect(api.get).toHaveBeenCalledWith(note.noteId);
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Holiday plans');
    const content = element.querySelector('[data-testid="note-content"]')!;
    expect(content.textContent).toBe('Line one\n<b>not bold</b>');
    expect(content.querySelector('b')).toBeNull();
    expect(TestBed.inject(Title).getTitle()).toBe('Holiday plans · Notes');
  });

  it('links to the editor', async () => {
    const { element } = await render();
    expect(element.querySelector('a.button')?.getAttribute('href')).toBe(
      `/notes/${note.noteId}/edit`,
    );
  });

  it('says when the note does not exist', async () => {
    api.get.and.returnValue(throwError(() => new HttpErrorResponse({ status: 404 })));
    const { element } = await render();
    expect(element.querySelector('h1')?.textContent).toContain('Note not found');
  });

  it('reports other failures with a retry', async () => {
    api.get.and.returnValues(
      throwError(() => new HttpErrorResponse({ status: 500 })),
      of(note),
    );
    const { fixture, element } = await render();
    (element.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Holiday plans');
  });

  it('asks for confirmation before deleting, and cancelling deletes nothing', async () => {
    const { fixture, element } = await render();
    (element.querySelector('button.danger') as HTMLButtonElement).click();
    await fixture.whenStable();
    const dialog = element.querySelector('dialog')!;
    expect(dialog.open).toBeTrue();
    expect(dialog.textContent).toContain('Delete this note?');
    (dialog.querySelector('button.secondary') as HTMLButtonElement).click();
    expect(dialog.open).toBeFalse();
    expect(api.delete).not.toHaveBeenCalled();
  });

  it('deletes after confirmation, disabling the buttons meanwhile, then returns to the list', async () => {
    const done = new Subject<void>();
    api.delete.and.returnValue(done);
    const { fixture, element } = await render();
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    (element.querySelector('button.danger') as HTMLButtonElement).click();
    const confirm = element.querySelector('dialog button.danger') as HTMLButtonElement;
    confirm.click();
    await fixture.whenStable();
    expect(api.delete).toHaveBeenCalledWith(note.noteId);
    expect(confirm.disabled).toBeTrue();
    expect(confirm.textContent).toContain('Deleting');
    done.next();
    done.complete();
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/notes'], { state: { flash: 'Note deleted.' } });
  });

  it('says why a delete failed and keeps the note on screen', async () => {
    api.delete.and.returnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    const { fixture, element } = await render();
    (element.querySelector('button.danger') as HTMLButtonElement).click();
    (element.querySelector('dialog button.danger') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Cannot reach the server',
    );
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Holiday plans');
  });
});
