import type { Routes } from '@angular/router';
import { redirectSignedIn, requireAdmin, requireSession } from './auth/guards';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Notes',
    canActivate: [redirectSignedIn],
    loadComponent: () => import('./home/home').then((m) => m.Home),
  },
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [redirectSignedIn],
    data: { mode: 'signIn' },
    loadComponent: () => import('./auth/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'sign-up',
    title: 'Create account',
    canActivate: [redirectSignedIn],
    data: { mode: 'signUp' },
    loadComponent: () => import('./auth/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'notes',
    canActivate: [requireSession],
    loadChildren: () => import('./notes/notes.routes').then((m) => m.notesRoutes),
  },
  {
    path: 'profile',
    canActivate: [requireSession],
    loadChildren: () => import('./profile/profile.routes').then((m) => m.profileRoutes),
  },
  {
    path: 'admin',
    canActivate: [requireAdmin],
    loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./core/not-found').then((m) => m.NotFound),
  },
];
