/** What an authorizer hands to the event builders once it let a request through. */
export type AuthorizerResult =
  /** REST Cognito user-pool authorizer: the verified token's claims (raw JSON values). */
  | { readonly kind: 'cognito-user-pool'; readonly claims: Readonly<Record<string, unknown>>; readonly principal: string }
  /** HTTP API JWT authorizer: claims and the token's scopes. */
  | { readonly kind: 'jwt'; readonly claims: Readonly<Record<string, unknown>>; readonly scopes: readonly string[] | null; readonly principal: string }
  /** Lambda TOKEN authorizer: its principalId and context (values already checked to be scalars). */
  | { readonly kind: 'lambda'; readonly principalId: string; readonly context: Readonly<Record<string, string | number | boolean>>; readonly integrationLatency: number; readonly principal: string };

/** The token from an `Authorization` value: API Gateway takes it raw or after `Bearer `. */
export function tokenFromHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const token = /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
  return token === '' ? undefined : token;
}

/** `scope` (space-separated, as Cognito issues it) or `scp` (string or array), as API Gateway reads them. */
export function scopesOf(claims: Readonly<Record<string, unknown>>): string[] {
  const source = claims['scope'] ?? claims['scp'];
  if (typeof source === 'string') return source.split(' ').filter((s) => s !== '');
  if (Array.isArray(source)) return source.filter((s): s is string => typeof s === 'string');
  return [];
}
