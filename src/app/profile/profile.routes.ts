import type { Routes } from '@angular/router';
import { AmplifyMfa } from '../auth/amplify-mfa';
import { provideApiHttp } from '../auth/api-http';
import { MeApi } from './me-api';

export const profileRoutes: Routes = [
  {
    path: '',
    title: 'Profile',
    providers: [provideApiHttp(), MeApi, AmplifyMfa],
    loadComponent: () => import('./profile').then((m) => m.Profile),
  },
];
