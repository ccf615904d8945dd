import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import type { Note, NoteInput, NotesPage } from './note';

/**
 * The Notes REST API. The ID token is added by the interceptor, not here. Provided by its lazy
 * route, next to the HttpClient it needs.
 */
@Injectable()
export class NotesApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(RUNTIME_CONFIG).apiBaseUrl}/notes`;

  /** One page, newest first. */
  list(options: { cursor?: string | null; limit?: number } = {}): Observable<NotesPage> {
    const params: Record<string, string> = {};
    if (options.limit) params['limit'] = String(options.limit);
    if (options.cursor) params['cursor'] = options.cursor;
    return this.http.get<NotesPage>(this.baseUrl, { params });
  }

  /** Notes whose title or text contains `q`, last changed first, a page at a time. */
  search(
    q: string,
    options: { cursor?: string | null; limit?: number } = {},
  ): Observable<NotesPage> {
    const params: Record<string, string> = { q };
    if (options.limit) params['limit'] = String(options.limit);
    if (options.cursor) params['cursor'] = options.cursor;
    return this.http.get<NotesPage>(`${this.baseUrl}/search`, { params });
  }

  get(noteId: string): Observable<Note> {
    return this.http.get<{ note: Note }>(this.noteUrl(noteId)).pipe(map((body) => body.note));
  }

  /** `noteId` is chosen by the client so that retrying the same create is harmless. */
  create(input: NoteInput & { noteId?: string }): Observable<Note> {
    return this.http.post<{ note: Note }>(this.baseUrl, input).pipe(map((body) => body.note));
  }

  /** Fails with 412 when the note changed since `version` was read. */
  update(noteId: string, input: NoteInput, version: number): Observable<Note> {
    return this.http
      .put<{ note: Note }>(this.noteUrl(noteId), { ...input, version })
      .pipe(map((body) => body.note));
  }

  delete(noteId: string): Observable<void> {
    return this.http.delete<unknown>(this.noteUrl(noteId)).pipe(map(() => undefined));
  }

  private noteUrl(noteId: string): string {
    return `${this.baseUrl}/${encodeURIComponent(noteId)}`;
  }
}
