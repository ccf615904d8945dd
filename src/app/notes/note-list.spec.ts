import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of, Subject, throwError } from 'rxjs';
import type { NotesPage } from './note';
import { NoteList } from './note-list';
import { NotesApi } from './notes-api';
import { aNote, notesPageProviders } from './testing/notes';

/** Lets a component's awaited call finish, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }) {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('NoteList', () => {
  let api: jasmine.SpyObj<NotesApi>;

  async function render() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), ...notesPageProviders(), { provide: NotesApi, useValue: api }],
    });
    const fixture = TestBed.createComponent(NoteList);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => {
    api = jasmine.createSpyObj<NotesApi>('NotesApi', ['list']);
  });

  it('says it is loading until the first page arrives', async () => {
    const page = new Subject<NotesPage>();
    api.list.and.returnValue(page);
    const { fixture, element } = await render();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Loading your notes');
    page.next({ notes: [aNote({ content: 'Buy milk' })], nextCursor: null });
    page.complete();
    await settle(fixture);
    expect(element.querySelector('[role="status"]')).toBeNull();
    expect(element.querySelector('ul.notes')?.textContent).toContain('Buy milk');
  });

  it('shows the notes in the order the API gives (newest first) with links to each', async () => {
    const newer = aNote({ title: 'Newer' });
    const older = aNote({ title: 'Older' });
    api.list.and.returnValue(of({ notes: [newer, older], nextCursor: null }));
    const { element } = await render();
    const links = [...element.querySelectorAll('ul.notes a')];
    expect(links.map((a) => a.textContent?.trim())).toEqual(['Newer', 'Older']);
    expect(links[0].getAttribute('href')).toBe(`/notes/${newer.noteId}`);
    expect(element.querySelector('.more button')).toBeNull();
  });

  it('invites the person to write a first note when there are none', async () => {
    api.list.and.returnValue(of({ notes: [], nextCursor: null }));
    const { element } = await render();
    expect(element.querySelector('.empty')?.textContent).toContain('You have no notes yet');
  });

  it('shows notes as text, never as HTML', async () => {
    api.list.and.returnValue(
      of({ notes: [aNote({ content: '<img src=x onerror="alert(1)">' })], nextCursor: null }),
    );
    const { element } = await render();
    expect(element.querySelector('ul.notes img')).toBeNull();
    expect(element.querySelector('ul.notes a')?.textContent).toContain('<img src=x');
  });

  it('reports a failure and loads again on "Try again"', async () => {
    api.list.and.returnValues(
      throwError(() => new HttpErrorResponse({ status: 0 })),
      of({ notes: [aNote({ content: 'Back' })], nextCursor: null }),
    );
    const { fixture, element } = await render();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Cannot reach the server',
    );
    (element.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.textContent).toContain('Back');
  });

  it('loads the next page with the cursor, appends it, and disables the button meanwhile', async () => {
    const more = new Subject<NotesPage>();
    api.list.and.returnValues(
      of({ notes: [aNote({ title: 'First' })], nextCursor: 'page-2' }),
      more,
    );
    const { fixture, element } = await render();
    const button = element.querySelector('.more button') as HTMLButtonElement;
    button.click();
    await fixture.whenStable();
    expect(api.list).toHaveBeenCalledWith({ limit: 20, cursor: 'page-2' });
    expect(button.disabled).toBeTrue();
    expect(button.textContent).toContain('Loading');
    more.next({ notes: [aNote({ title: 'Second' })], nextCursor: null });
    more.complete();
    await settle(fixture);
    expect(
      [...element.querySelectorAll('ul.notes .heading')].map((a) => a.textContent?.trim()),
    ).toEqual(['First', 'Second']);
    expect(element.querySelector('.more button')).toBeNull();
  });

  it('moves focus to the first newly loaded note, so keyboard users are not dropped when the button goes', async () => {
    api.list.and.returnValues(
      of({ notes: [aNote({ title: 'First' })], nextCursor: 'page-2' }),
      of({ notes: [aNote({ title: 'Second' }), aNote({ title: 'Third' })], nextCursor: null }),
    );
    const { fixture, element } = await render();
    const button = element.querySelector('.more button') as HTMLButtonElement;
    button.focus();
    button.click();
    await settle(fixture);
    await settle(fixture);
    expect(document.activeElement?.textContent?.trim()).toBe('Second');
  });

  it('keeps the loaded notes and offers a retry when loading more fails', async () => {
    api.list.and.returnValues(
      of({ notes: [aNote({ title: 'First' })], nextCursor: 'page-2' }),
      throwError(() => new HttpErrorResponse({ status: 503 })),
    );
    const { fixture, element } = await render();
    (element.querySelector('.more button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('ul.notes')?.textContent).toContain('First');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The server had a problem',
    );
  });
});
