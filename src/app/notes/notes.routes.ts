import type { Routes } from '@angular/router';
import { provideApiHttp } from '../auth/api-http';
import { NotesApi } from './notes-api';

export const notesRoutes: Routes = [
  {
    path: '',
    providers: [provideApiHttp(), NotesApi],
    children: [
      {
        path: '',
        title: 'My notes',
        loadComponent: () => import('./note-list').then((m) => m.NoteList),
      },
      {
        path: 'new',
        title: 'New note',
        loadComponent: () => import('./note-editor').then((m) => m.NoteEditor),
      },
      {
        path: ':noteId',
        title: 'Note',
        loadComponent: () => import('./note-detail').then((m) => m.NoteDetail),
      },
      {
        path: ':noteId/edit',
        title: 'Edit note',
        loadComponent: () => import('./note-editor').then((m) => m.NoteEditor),
      },
    ],
  },
];
