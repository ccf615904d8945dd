/**
 * Pre sign-up trigger: only email domains on the pool's allow-list may sign up
 * (`userPool.allowedEmailDomains` in api/pool.ts, handed over as ALLOWED_EMAIL_DOMAINS, comma
 * separated); an empty list welcomes every domain. Throwing refuses the sign-up: the caller sees
 * UserLambdaValidationException "PreSignUp failed with error <message>.".
 */
import type { PreSignUpTriggerEvent } from 'aws-lambda';

export function allowedDomains(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
}

/** The part after the last `@`, lower case ('' when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  const allowed = allowedDomains(process.env['ALLOWED_EMAIL_DOMAINS']);
  if (allowed.length === 0) return event;
  const domain = emailDomain(event.request.userAttributes['email'] ?? '');
  if (!allowed.includes(domain))
    throw new Error(`Sign-up is open to ${allowed.map((d) => `@${d}`).join(', ')} addresses only`);
  return event;
};
