import type { AuthSession, JWT, SignInOutput } from 'aws-amplify/auth';
import type { AuthHubEvent } from '../amplify-auth';

/** The boundary methods of `AmplifyAuth` (what `AuthService` may call). */
export type AmplifyMethod =
  | 'fetchAuthSession'
  | 'signOut'
  | 'signUp'
  | 'confirmSignUp'
  | 'resendSignUpCode'
  | 'signIn'
  | 'confirmSignIn'
  | 'autoSignIn'
  | 'resetPassword'
  | 'confirmResetPassword'
  | 'updatePassword';

export interface FakeSession {
  readonly idToken: string;
  readonly claims: Readonly<Record<string, string | readonly string[]>>;
}

export const aliceClaims = { sub: '1f0c2d3e-alice', email: 'alice@example.com' } as const;

/** An AuthError-shaped failure, as Amplify throws them (name = Cognito `__type`). */
export function amplifyError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export const signInDone: SignInOutput = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };

/**
 * Stands in for `AmplifyAuth` in unit tests: a stored session that can be refreshed, a script of
 * results or errors per operation, a log of every call, and a way to fire Hub events.
 */
export class FakeAmplifyAuth {
  session: FakeSession | null = null;
  /** What a forced refresh does: returns the next session, `null` (refresh token revoked) or throws. */
  refresh: () => FakeSession | null = () =>
    this.session ? { ...this.session, idToken: `${this.session.idToken}+refreshed` } : null;
  readonly results = new Map<AmplifyMethod, unknown>();
  readonly errors = new Map<AmplifyMethod, unknown>();
  readonly calls: { method: AmplifyMethod; input: unknown }[] = [];
  private readonly listeners = new Set<(event: AuthHubEvent, errorName?: string) => void>();

  signInAs(claims: FakeSession['claims'] = aliceClaims, idToken = 'id-token-1'): this {
    this.session = { idToken, claims };
    return this;
  }

  /** Fires an Amplify Hub `auth` event to every listener (`errorName`: a failure's error name). */
  emit(event: AuthHubEvent, errorName?: string): void {
    for (const listener of this.listeners) listener(event, errorName);
  }

  callsOf(method: AmplifyMethod): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  listen(onEvent: (event: AuthHubEvent, errorName?: string) => void): () => void {
    this.listeners.add(onEvent);
    return () => this.listeners.delete(onEvent);
  }

  async fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<AuthSession> {
    await this.answer('fetchAuthSession', options);
    if (options?.forceRefresh) this.session = this.refresh();
    if (!this.session) return {};
    const { idToken, claims } = this.session;
    const jwt = { payload: claims, toString: () => idToken } as unknown as JWT;
    const accessToken = { payload: claims, toString: () => `access:${idToken}` } as unknown as JWT;
    return { tokens: { idToken: jwt, accessToken } };
  }

  async signOut(input?: unknown): Promise<void> {
    await this.answer('signOut', input);
    this.session = null;
  }

  signUp = (input: unknown) => this.answer('signUp', input);
  confirmSignUp = (input: unknown) => this.answer('confirmSignUp', input);
  resendSignUpCode = (input: unknown) => this.answer('resendSignUpCode', input);
  signIn = (input: unknown) => this.answer('signIn', input);
  confirmSignIn = (input: unknown) => this.answer('confirmSignIn', input);
  autoSignIn = () => this.answer('autoSignIn', undefined);
  resetPassword = (input: unknown) => this.answer('resetPassword', input);
  confirmResetPassword = (input: unknown) => this.answer('confirmResetPassword', input);
  updatePassword = (input: unknown) => this.answer('updatePassword', input);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each method's result type differs; tests script them
  private async answer(method: AmplifyMethod, input: unknown): Promise<any> {
    this.calls.push({ method, input });
    await Promise.resolve();
    if (this.errors.has(method)) throw this.errors.get(method);
    return this.results.get(method);
  }
}
