/**
 * Pre sign-up trigger: only email domains on the pool's allow-list may sign up
 * (`userPool.allowedEmailDomains` in api/pool.ts, handed over as ALLOWED_EMAIL_DOMAINS, comma
 * separated); an empty list welcomes every domain. Throwing refuses the sign-up: the caller sees
 * UserLambdaValidationException "PreSignUp failed with error <message>.".
 */
import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { emailDomainsSetting } from '../pool.ts';

/** The part after the last `@`, lower case ('' when there is none). */
function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  // Read per invocation: the local pool sets the variable before it runs the triggers.
  const allowed = emailDomainsSetting(
    process.env['ALLOWED_EMAIL_DOMAINS'],
    'ALLOWED_EMAIL_DOMAINS',
  );
  if (allowed.length === 0) return event;
  const domain = emailDomain(event.request.userAttributes['email'] ?? '');
  if (!allowed.includes(domain))
    throw new Error(`Sign-up is open to ${allowed.map((d) => `@${d}`).join(', ')} addresses only`);
  return event;
};
