import type { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', title: 'Notes', loadComponent: () => import('./home/home').then((m) => m.Home) },
  { path: '**', redirectTo: '' },
];
