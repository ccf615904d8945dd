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
