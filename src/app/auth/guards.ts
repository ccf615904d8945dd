import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth';
import { safeReturnUrl } from './return-url';

/** Notes and profile need a session; without one, go to sign-in and come back afterwards. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if ((await auth.whenReady()) === 'signedIn') return true;
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** A signed-in person has no business on the sign-in page: send them where they were going. */
export const redirectSignedIn: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if ((await auth.whenReady()) !== 'signedIn') return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};

/**
 * The Administration area: members of `admins` only (read from the ID token); anyone else is
 * sent to their notes, and nobody signed in to sign-in. The API enforces the same on its own.
 */
export const requireAdmin: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.whenReady();
  if (session !== 'signedIn')
    return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return auth.isAdmin() ? true : router.createUrlTree(['/notes']);
};
