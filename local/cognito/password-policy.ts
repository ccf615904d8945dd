/** The pool's password policy (declared in api/pool.ts) with Cognito's error wording. */
import { type PasswordPolicy, passwordSymbols as symbols } from '../../api/pool.ts';
import { InvalidParameterException, InvalidPasswordException } from './errors.ts';

/**
 * Throws the first rule the password breaks, in the order Cognito reports them
 * (length, lowercase, uppercase, numeric, symbol). `field` is the request member's name.
 */
export function assertPasswordAllowed(
  password: unknown,
  policy: PasswordPolicy,
  field = 'password',
): asserts password is string {
  if (password === undefined || password === null) throw InvalidParameterException.missing(field);
  if (typeof password !== 'string')
    throw InvalidParameterException.validation(field, 'Member must be a string');
  // Schema-level limits of the API itself, before the pool's policy.
  if (password.length < 6)
    throw InvalidParameterException.validation(
      field,
      'Member must have length greater than or equal to 6',
    );
  if (password.length > 256)
    throw InvalidParameterException.validation(
      field,
      'Member must have length less than or equal to 256',
    );
  if (!/^[\S]+.*[\S]+$/u.test(password)) {
    throw InvalidParameterException.validation(
      field,
      'Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$',
    );
  }
  if (password.length < policy.minimumLength)
    throw new InvalidPasswordException('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password))
    throw new InvalidPasswordException('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password))
    throw new InvalidPasswordException('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password))
    throw new InvalidPasswordException('Password must have numeric characters');
  if (policy.requireSymbols && ![...password].some((c) => symbols.has(c))) {
    throw new InvalidPasswordException('Password must have symbol characters');
  }
}
