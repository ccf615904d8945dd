import { AuthFailure, toAuthFailure } from './auth-errors';
import { amplifyError } from './testing/fake-amplify-auth';

describe('toAuthFailure', () => {
  const cases: [string, string, string, Parameters<typeof toAuthFailure>[1]][] = [
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'This sign-in took too long and has expired. Go back to sign in and ask for a new code.',
      'confirmSignInWithEmailOtp',
    ],
    [
      'CodeMismatchException',
      'Invalid code received for user',
      'That code is not right. Enter the code from the latest sign-in email we sent you.',
      'confirmSignInWithEmailOtp',
    ],
    [
      'PasskeyNotSupported',
      'Passkeys may not be supported on this device.',
      'This browser cannot use passkeys. Sign in with your password or an emailed code.',
      'signInWithPasskey',
    ],
    [
      'PasskeyNotSupported',
      'Passkeys may not be supported on this device.',
      'This browser cannot create passkeys. Try an up-to-date browser on this or another device.',
      'addPasskey',
    ],
    [
      'NotAuthorizedException',
      'Password attempts exceeded',
      'Too many attempts. Please wait a few minutes and try again.',
      'signInWithPasskey',
    ],
    [
      'WebAuthnOriginNotAllowedException',
      'The origin of the WebAuthn credential is not allowed.',
      'Passkeys for this account do not work on this web address.',
      'addPasskey',
    ],
    [
      'WebAuthnChallengeNotFoundException',
      'WebAuthn registration challenge not found or expired.',
      'That took too long and has expired. Please try again.',
      'addPasskey',
    ],
    [
      'CodeMismatchException',
      'Invalid code received for user',
      'That code is not right. Enter the 6-digit code your authenticator app shows now.',
      'confirmSignInWithTotp',
    ],
    [
      'CodeMismatchException',
      'Invalid code received for user',
      'That code is not right. Enter the code from the latest sign-in email we sent you.',
      'confirmSignInWithEmail',
    ],
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'This sign-in took too long and has expired. Go back to sign in and enter your password again.',
      'confirmSignInWithTotp',
    ],
    [
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
      'That code is not right. Enter the 6-digit code your authenticator app shows now.',
      'verifyTotpSetup',
    ],
    [
      'NotAuthorizedException',
      'Incorrect username or password.',
      'Wrong email or password.',
      'signIn',
    ],
    [
      'NotAuthorizedException',
      'Password attempts exceeded',
      'Too many attempts. Please wait a few minutes and try again.',
      'signIn',
    ],
    [
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
      'This account is already confirmed. Please sign in.',
      'confirmSignUp',
    ],
    [
      'UsernameExistsException',
      'An account with the given email already exists.',
      'An account with this email already exists. Sign in, or reset your password if you forgot it.',
      'signUp',
    ],
    [
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
      'That code is not right. Check the email we sent and try again.',
      'confirmSignUp',
    ],
    [
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
      'That code has expired. Ask for a new code and try again.',
      'confirmResetPassword',
    ],
    [
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
      'Too many attempts. Please wait a few minutes and try again.',
      'resetPassword',
    ],
    [
      'NetworkError',
      'A network error has occurred.',
      'Cannot reach the sign-in service. Check your connection and try again.',
      'signIn',
    ],
    ['EmptySignInPassword', 'password is required to signIn', 'Please enter a password.', 'signIn'],
  ];
  for (const [name, original, expected, operation] of cases) {
    it(`turns ${name} ("${original}") during ${operation} into "${expected}"`, () => {
      const failure = toAuthFailure(amplifyError(name, original), operation);
      expect(failure).toEqual(jasmine.any(AuthFailure));
      expect(failure.name).toBe(name);
      expect(failure.message).toBe(expected);
    });
  }

  it('answers a weak password with the whole policy, from the pool declaration', () => {
    const failure = toAuthFailure(
      amplifyError(
        'InvalidPasswordException',
        'Password did not conform with policy: Password must have symbol characters',
      ),
      'signUp',
    );
    expect(failure.message).toBe(
      'That password is not strong enough. Use: at least 8 characters, with upper- and lower-case letters, a number and a symbol.',
    );
  });

  it("never shows Cognito's raw validation text for a too-short password", () => {
    const failure = toAuthFailure(
      amplifyError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'proposedPassword' failed to satisfy constraint: Member must have length greater than or equal to 6",
      ),
      'updatePassword',
    );
    expect(failure.message).not.toContain('validation error');
    expect(failure.message).toContain('That password cannot be used');
    expect(failure.message).toContain('at least 8 characters');
  });

  it("never shows an unknown error's internals", () => {
    expect(toAuthFailure(new TypeError('x is undefined'), 'signIn').message).toBe(
      'Something went wrong. Please try again.',
    );
    expect(toAuthFailure('weird', 'signIn').name).toBe('UnknownError');
  });

  it('keeps the original error as the cause', () => {
    const original = amplifyError('CodeMismatchException', 'Invalid code');
    expect(toAuthFailure(original, 'confirmSignUp').cause).toBe(original);
  });
});
