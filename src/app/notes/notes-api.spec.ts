import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { defaultRuntimeConfig } from '../../../amplify-config';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { NotesApi } from './notes-api';
import { aNote } from './testing/notes';

const api = 'https://api.example.test/prod';

describe('NotesApi', () => {
  let notes: NotesApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        NotesApi,
        { provide: RUNTIME_CONFIG, useValue: { ...defaultRuntimeConfig, apiBaseUrl: api } },
      ],
    });
    notes = TestBed.inject(NotesApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists a page with limit and cursor', async () => {
    const page = { notes: [aNote()], nextCursor: 'abc' };
    const result = firstValueFrom(notes.list({ limit: 20, cursor: 'xyz' }));
    backend.expectOne(`${api}/notes?limit=20&cursor=xyz`).flush(page);
    expect(await result).toEqual(page);
  });

  it('creates a note with a client-chosen id and returns the stored note', async () => {
    const stored = aNote({ title: 'T', content: 'C' });
    const result = firstValueFrom(
      notes.create({ title: 'T', content: 'C', noteId: stored.noteId }),
    );
    const request = backend.expectOne({ method: 'POST', url: `${api}/notes` });
    expect(request.request.body).toEqual({ title: 'T', content: 'C', noteId: stored.noteId });
    request.flush(
      { message: 'Note created', note: stored },
      { status: 201, statusText: 'Created' },
    );
    expect(await result).toEqual(stored);
  });

  it('gets, updates (sending the version it edited) and deletes a note by id', async () => {
    const note = aNote({ version: 3 });
    const got = firstValueFrom(notes.get(note.noteId));
    backend.expectOne({ method: 'GET', url: `${api}/notes/${note.noteId}` }).flush({ note });
    expect(await got).toEqual(note);

    const updated = firstValueFrom(notes.update(note.noteId, { content: 'new' }, 3));
    const put = backend.expectOne({ method: 'PUT', url: `${api}/notes/${note.noteId}` });
    expect(put.request.body).toEqual({ content: 'new', version: 3 });
    put.flush({ message: 'Note updated', note: { ...note, content: 'new', version: 4 } });
    expect((await updated).version).toBe(4);

    const deleted = firstValueFrom(notes.delete(note.noteId));
    backend
      .expectOne({ method: 'DELETE', url: `${api}/notes/${note.noteId}` })
      .flush({ message: 'Note deleted', noteId: note.noteId });
    expect(await deleted).toBeUndefined();
  });
});
