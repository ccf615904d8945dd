import type { Routes } from '@angular/router';
import { provideApiHttp } from '../core/api-http';
import { MeApi } from './me-api';

export const profileRoutes: Routes = [
  {
    path: '',
    title: 'Profile',
    providers: [provideApiHttp(), MeApi],
    loadComponent: () => import('./profile').then((m) => m.Profile),
  },
];
