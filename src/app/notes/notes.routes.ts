import type { Routes } from '@angular/router';
import { provideApiHttp } from '../auth/api-http';
import { NotesApi } from './notes-api';
import { NotesListState } from './notes-list-state';
import { confirmLeavingUnsaved } from './unsaved-changes';

export const notesRoutes: Routes = [
  {
    path: '',
    providers: [provideApiHttp(), NotesApi, NotesListState],
    children: [
      {
        path: '',
        title: 'My notes',
        loadComponent: () => import('./note-list').then((m) => m.NoteList),
      },
      {
        path: 'new',
        title: 'New note',
        canDeactivate: [confirmLeavingUnsaved],
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
        canDeactivate: [confirmLeavingUnsaved],
        loadComponent: () => import('./note-editor').then((m) => m.NoteEditor),
      },
    ],
  },
];
