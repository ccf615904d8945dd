/** The pool's discovery documents under `/<poolId>/.well-known/`. */
import { type Uses } from './services.ts';

export function openIdConfiguration(services: Uses<'tokens'>, baseUrl: string): object {
  const issuer = services.tokens.issuer;
  const scopes = ['openid', 'email', 'phone', 'profile'];
  return {
    // No hosted UI locally, so no authorization_endpoint; the token and userInfo endpoints exist.
    id_token_signing_alg_values_supported: ['RS256'],
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['token'],
    scopes_supported: scopes,
    subject_types_supported: ['public'],
    token_endpoint: `${baseUrl}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: `${baseUrl}/oauth2/userInfo`,
  };
}
