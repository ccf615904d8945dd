import type { Routes } from '@angular/router';
import { provideApiHttp } from '../auth/api-http';
import { AdminApi } from './admin-api';

export const adminRoutes: Routes = [
  {
    path: '',
    title: 'Administration',
    providers: [provideApiHttp(), AdminApi],
    loadComponent: () => import('./users').then((m) => m.Users),
  },
];
