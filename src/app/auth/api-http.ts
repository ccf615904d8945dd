import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { idTokenInterceptor } from './id-token';

/**
 * HttpClient with the ID-token interceptor, provided by the lazy routes that call the API (notes,
 * profile) rather than at the root: the sign-in path never loads HTTP code, which keeps the
 * initial bundle inside its budget. Services that use it are provided by those routes too.
 */
export function provideApiHttp(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([idTokenInterceptor])),
  ]);
}
