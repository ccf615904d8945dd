import type { Routes } from '@angular/router';
import { AmplifyMfa } from '../auth/amplify-mfa';
import { AmplifyPasskeys } from '../auth/amplify-passkeys';
import { provideApiHttp } from '../auth/api-http';
import { MeApi } from './me-api';

export const profileRoutes: Routes = [
  {
    path: '',
    title: 'Profile',
    providers: [provideApiHttp(), MeApi, AmplifyMfa, AmplifyPasskeys],
    loadComponent: () => import('./profile').then((m) => m.Profile),
  },
];
