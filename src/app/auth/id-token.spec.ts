import {
  HttpClient,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { defaultRuntimeConfig, type RuntimeConfig } from '../../../amplify-config';
import { AuthService } from './auth';
import { idTokenInterceptor, isApiRequest } from './id-token';
import { RUNTIME_CONFIG } from '../core/runtime-config';

const api = 'https://api.example.test/prod';
const nextTick = () => new Promise((resolve) => setTimeout(resolve));

describe('isApiRequest', () => {
  it('accepts the base URL itself and paths below it', () => {
    expect(isApiRequest(`${api}`, api)).toBeTrue();
    expect(isApiRequest(`${api}/notes`, api)).toBeTrue();
    expect(isApiRequest(`${api}/notes/01HZX?x=1`, api)).toBeTrue();
  });

  it('refuses other origins, other ports, other schemes and sibling paths', () => {
    expect(isApiRequest('https://evil.example/prod/notes', api)).toBeFalse();
    expect(isApiRequest('https://api.example.test:8443/prod/notes', api)).toBeFalse();
    expect(isApiRequest('http://api.example.test/prod/notes', api)).toBeFalse();
    expect(isApiRequest('https://api.example.test/production/notes', api)).toBeFalse();
    expect(isApiRequest('https://api.example.test.evil.example/prod/notes', api)).toBeFalse();
    expect(isApiRequest(`https://api.example.test@evil.example/prod/notes`, api)).toBeFalse();
  });

  it('resolves relative URLs against the page, so app files never get the token', () => {
    expect(isApiRequest('config.json', api, 'https://app.example.test/')).toBeFalse();
    expect(
      isApiRequest('/notes', 'https://app.example.test/api', 'https://app.example.test/'),
    ).toBeFalse();
    expect(
      isApiRequest('/api/notes', 'https://app.example.test/api', 'https://app.example.test/'),
    ).toBeTrue();
  });

  it('accepts everything on the origin when the base URL has no path', () => {
    expect(isApiRequest('http://localhost:3000/notes', 'http://localhost:3000')).toBeTrue();
    expect(isApiRequest('http://localhost:9229/', 'http://localhost:3000')).toBeFalse();
  });

  it('refuses look-alikes of the local API origin', () => {
    const local = 'http://localhost:3000';
    expect(isApiRequest('http://localhost:3000.evil.example/notes', local)).toBeFalse();
    expect(isApiRequest('http://localhost:30000/notes', local)).toBeFalse();
    expect(isApiRequest('http://localhost:3000@evil.example/notes', local)).toBeFalse();
    expect(isApiRequest('http://127.0.0.1:3000/notes', local)).toBeFalse();
  });

  it('judges the path after dot segments are resolved, as the browser will send it', () => {
    expect(isApiRequest(`${api}/../other/notes`, api)).toBeFalse();
    expect(isApiRequest(`${api}/%2e%2e/other`, api)).toBeFalse();
  });
});

describe('idTokenInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: jasmine.SpyObj<Pick<AuthService, 'idToken' | 'accessToken' | 'endSession'>>;
  /** Locally one gateway serves both APIs; a test points the back office elsewhere, as on AWS. */
  let config: { -readonly [K in keyof RuntimeConfig]: RuntimeConfig[K] };

  beforeEach(() => {
    config = { ...defaultRuntimeConfig, apiBaseUrl: api, adminApiBaseUrl: api };
    auth = jasmine.createSpyObj('AuthService', ['idToken', 'accessToken', 'endSession']);
    auth.idToken.and.callFake(async (options?: { forceRefresh?: boolean }) =>
      options?.forceRefresh ? 'fresh-token' : 'stored-token',
    );
    auth.accessToken.and.callFake(async (options?: { forceRefresh?: boolean }) =>
      options?.forceRefresh ? 'fresh-access' : 'stored-access',
    );
    auth.endSession.and.resolveTo();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([idTokenInterceptor])),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useFactory: () => config },
        { provide: AuthService, useValue: auth },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('puts the raw ID token (no "Bearer") in Authorization on API requests', async () => {
    const response = firstValueFrom(http.get(`${api}/notes`));
    await nextTick();
    const request = backend.expectOne(`${api}/notes`);
    expect(request.request.headers.get('Authorization')).toBe('stored-token');
    request.flush({ notes: [] });
    expect(await response).toEqual({ notes: [] });
  });

  it('sends the access token as Bearer to the back office (/admin/), refreshing it on a 401', async () => {
    const response = firstValueFrom(http.get(`${api}/admin/users`));
    await nextTick();
    const first = backend.expectOne(`${api}/admin/users`);
    expect(first.request.headers.get('Authorization')).toBe('Bearer stored-access');
    first.flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await nextTick();
    const retry = backend.expectOne(`${api}/admin/users`);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer fresh-access');
    retry.flush({ users: [] });
    expect(await response).toEqual({ users: [] });
    expect(auth.idToken).not.toHaveBeenCalled();
  });

  it('on AWS sends the access token to the back office on the HTTP API’s own origin, and nothing else there', async () => {
    const httpApi = 'https://h77p4p1.execute-api.example.test';
    config.adminApiBaseUrl = httpApi;
    const users = firstValueFrom(http.get(`${httpApi}/admin/users`));
    await nextTick();
    const request = backend.expectOne(`${httpApi}/admin/users`);
    expect(request.request.headers.get('Authorization')).toBe('Bearer stored-access');
    request.flush({ users: [] });
    await users;

    // The REST API's /admin/ paths are not the back office there: the ID token, as for any route.
    const rest = firstValueFrom(http.get(`${api}/admin/users`));
    await nextTick();
    const restRequest = backend.expectOne(`${api}/admin/users`);
    expect(restRequest.request.headers.get('Authorization')).toBe('stored-token');
    restRequest.flush({});
    await rest;

    // Other paths of the HTTP API (the machine clients' routes) never see a person's token.
    const other = firstValueFrom(http.get(`${httpApi}/integrations/v1/notes`));
    await nextTick();
    const otherRequest = backend.expectOne(`${httpApi}/integrations/v1/notes`);
    expect(otherRequest.request.headers.has('Authorization')).toBeFalse();
    otherRequest.flush({});
    await other;
    expect(auth.accessToken).toHaveBeenCalledTimes(1);
  });

  it('keeps the ID token for paths that merely start with "admin"', async () => {
    const response = firstValueFrom(http.get(`${api}/administrators`));
    await nextTick();
    const request = backend.expectOne(`${api}/administrators`);
    expect(request.request.headers.get('Authorization')).toBe('stored-token');
    request.flush({});
    await response;
  });

  for (const url of [
    'https://evil.example/prod/notes',
    'https://api.example.test/production/notes',
    'http://localhost:9229/_mailbox',
  ]) {
    it(`sends no token to ${url}`, async () => {
      const response = firstValueFrom(http.get(url));
      await nextTick();
      const request = backend.expectOne(url);
      expect(request.request.headers.has('Authorization')).toBeFalse();
      request.flush({});
      await response;
      expect(auth.idToken).not.toHaveBeenCalled();
    });
  }

  it('sends no Authorization header when nobody is signed in', async () => {
    auth.idToken.and.resolveTo(null);
    const response = firstValueFrom(http.get(`${api}/health`));
    await nextTick();
    const request = backend.expectOne(`${api}/health`);
    expect(request.request.headers.has('Authorization')).toBeFalse();
    request.flush({ ok: true });
    await response;
  });

  it('on a 401 forces one token refresh and retries once with the new token', async () => {
    const response = firstValueFrom(http.get(`${api}/notes`));
    await nextTick();
    backend
      .expectOne(`${api}/notes`)
      .flush(
        { message: 'The incoming token has expired' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await nextTick();
    const retry = backend.expectOne(`${api}/notes`);
    expect(retry.request.headers.get('Authorization')).toBe('fresh-token');
    expect(auth.idToken).toHaveBeenCalledWith({ forceRefresh: true });
    retry.flush({ notes: [] });
    expect(await response).toEqual({ notes: [] });
    expect(auth.endSession).not.toHaveBeenCalled();
  });

  it('after a second 401 ends the session (sign out, go to sign-in) and reports the error', async () => {
    const response = firstValueFrom(http.get(`${api}/notes`));
    await nextTick();
    backend
      .expectOne(`${api}/notes`)
      .flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await nextTick();
    backend
      .expectOne(`${api}/notes`)
      .flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    const error = await response.catch((e: unknown) => e);
    expect(error).toEqual(jasmine.any(HttpErrorResponse));
    expect((error as HttpErrorResponse).status).toBe(401);
    expect(auth.endSession).toHaveBeenCalledTimes(1);
    expect(auth.idToken).toHaveBeenCalledTimes(2);
  });

  it('ends the session without retrying when the refresh finds no session', async () => {
    auth.idToken.and.callFake(async (options?: { forceRefresh?: boolean }) =>
      options?.forceRefresh ? null : 'revoked-token',
    );
    const response = firstValueFrom(http.get(`${api}/me`));
    await nextTick();
    backend
      .expectOne(`${api}/me`)
      .flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await expectAsync(response).toBeRejected();
    backend.expectNone(`${api}/me`);
    expect(auth.endSession).toHaveBeenCalledTimes(1);
  });

  it('leaves other errors alone: no refresh, no sign-out', async () => {
    const response = firstValueFrom(http.get(`${api}/notes`));
    await nextTick();
    backend
      .expectOne(`${api}/notes`)
      .flush({ message: 'Internal server error' }, { status: 500, statusText: 'Server Error' });
    await expectAsync(response).toBeRejected();
    expect(auth.idToken).toHaveBeenCalledTimes(1);
    expect(auth.endSession).not.toHaveBeenCalled();
  });

  it('does not sign out when the retry fails for another reason', async () => {
    const response = firstValueFrom(http.get(`${api}/notes`));
    await nextTick();
    backend.expectOne(`${api}/notes`).flush({}, { status: 401, statusText: 'Unauthorized' });
    await nextTick();
    backend.expectOne(`${api}/notes`).flush({}, { status: 503, statusText: 'Unavailable' });
    const error = (await response.catch((e: unknown) => e)) as HttpErrorResponse;
    expect(error.status).toBe(503);
    expect(auth.endSession).not.toHaveBeenCalled();
  });
});
