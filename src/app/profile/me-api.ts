import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../core/runtime-config';

/** `GET /me`: the caller as the backend sees them (claims the authorizer verified, as strings). */
export interface Me {
  readonly message: string;
  readonly claims: Readonly<Record<string, string>>;
}

/** Provided by its lazy route, next to the HttpClient it needs. */
@Injectable()
export class MeApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(RUNTIME_CONFIG).apiBaseUrl}/me`;

  get(): Observable<Me> {
    return this.http.get<Me>(this.url);
  }
}
