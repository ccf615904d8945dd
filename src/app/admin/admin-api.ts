import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../core/runtime-config';

/** One user as `GET /admin/users` lists them (api/admin/handlers.ts). */
export interface AdminUser {
  readonly username: string;
  readonly email?: string;
  readonly status?: string;
  readonly enabled: boolean;
  readonly createdAt?: string;
  readonly groups: readonly string[];
  readonly isAdmin: boolean;
  readonly noteCount: number;
}

export interface AdminUsersPage {
  readonly users: readonly AdminUser[];
  readonly nextCursor: string | null;
}

/** The back office routes; the interceptor sends them the access token (admin scope). */
@Injectable()
export class AdminApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(RUNTIME_CONFIG).adminApiBaseUrl}/admin/users`;

  list(cursor?: string | null): Observable<AdminUsersPage> {
    return this.http.get<AdminUsersPage>(this.base, {
      params: { limit: 20, ...(cursor ? { cursor } : {}) },
    });
  }

  private user(username: string, action: string): string {
    return `${this.base}/${encodeURIComponent(username)}/${action}`;
  }

  disable(username: string): Observable<unknown> {
    return this.http.post(this.user(username, 'disable'), null);
  }

  enable(username: string): Observable<unknown> {
    return this.http.post(this.user(username, 'enable'), null);
  }

  makeAdmin(username: string): Observable<unknown> {
    return this.http.put(this.user(username, 'admin'), null);
  }

  removeAdmin(username: string): Observable<unknown> {
    return this.http.delete(this.user(username, 'admin'));
  }
}
