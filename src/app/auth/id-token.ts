import {
  HttpErrorResponse,
  type HttpHandlerFn,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth';
import { RUNTIME_CONFIG } from '../core/runtime-config';

/**
 * True only for URLs under the configured API base (same origin, and the base path followed by
 * `/` or nothing). The ID token identifies the person: it must never reach another origin, nor a
 * sibling path such as `/prod-evil` next to `/prod`.
 */
export function isApiRequest(
  url: string,
  apiBaseUrl: string,
  pageUrl: string = document.baseURI,
): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url, pageUrl);
    base = new URL(apiBaseUrl);
  } catch {
    return false;
  }
  if (target.origin !== base.origin) return false;
  const basePath = base.pathname.replace(/\/+$/, '');
  return (
    basePath === '' || target.pathname === basePath || target.pathname.startsWith(`${basePath}/`)
  );
}

const isUnauthorized = (error: unknown) =>
  error instanceof HttpErrorResponse && error.status === 401;

/**
 * True for the back office routes (`<admin api base>/admin/...`): HTTP API routes whose JWT
 * authorizer requires the `notes-api/admin` scope, which only the access token carries. On AWS
 * that base is the HTTP API's origin; locally it is the one gateway's, the same as the REST API's.
 */
export function isAdminApiRequest(
  url: string,
  adminApiBaseUrl: string,
  pageUrl = document.baseURI,
) {
  if (!isApiRequest(url, adminApiBaseUrl, pageUrl)) return false;
  const basePath = new URL(adminApiBaseUrl).pathname.replace(/\/+$/, '');
  return new URL(url, pageUrl).pathname.startsWith(`${basePath}/admin/`);
}

/**
 * Puts the current ID token in `Authorization` (raw, no `Bearer`: the form API Gateway's Cognito
 * user-pool authorizer reads) on API requests only; on back office requests the access token
 * instead, as `Bearer` (what an HTTP API JWT authorizer reads). Any other URL, the admin API's
 * other paths included, gets no token. A 401 means the token was rejected (expired, revoked, keys
 * rotated): refresh once and retry once; if that fails too, the session is over.
 */
export const idTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiBaseUrl, adminApiBaseUrl } = inject(RUNTIME_CONFIG);
  const admin = isAdminApiRequest(request.url, adminApiBaseUrl);
  if (!admin && !isApiRequest(request.url, apiBaseUrl)) return next(request);
  const auth = inject(AuthService);
  const token = (options?: { forceRefresh: boolean }) =>
    admin
      ? auth.accessToken(options).then((access) => (access ? `Bearer ${access}` : null))
      : auth.idToken(options);

  return from(token()).pipe(
    switchMap((token) => send(request, next, token)),
    catchError((first: unknown) => {
      if (!isUnauthorized(first)) return throwError(() => first);
      return from(token({ forceRefresh: true })).pipe(
        switchMap((fresh) => (fresh ? send(request, next, fresh) : throwError(() => first))),
        catchError((second: unknown) => {
          // A second 401, no token after refreshing, or a refresh that failed outright.
          if (isUnauthorized(second) || !(second instanceof HttpErrorResponse))
            void auth.endSession();
          return throwError(() => second);
        }),
      );
    }),
  );
};

function send(request: HttpRequest<unknown>, next: HttpHandlerFn, token: string | null) {
  return next(token ? request.clone({ setHeaders: { Authorization: token } }) : request);
}
