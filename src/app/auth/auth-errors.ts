import { describePasswordPolicy, userPool } from '../../../api/pool';

/**
 * Amplify and Cognito errors as short sentences a person can act on. The original `name` is
 * kept so callers (and the Authenticator's state machine) can still branch on it.
 */
export class AuthFailure extends Error {
  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** Which operation failed: the same Cognito error means different things in different places. */
export type AuthOperation =
  | 'signIn'
  | 'signUp'
  | 'confirmSignUp'
  | 'resendSignUpCode'
  | 'confirmSignIn'
  | 'confirmSignInWithTotp'
  | 'confirmSignInWithEmail'
  /** The emailed code of a sign-in without a password (USER_AUTH's EMAIL_OTP first factor). */
  | 'confirmSignInWithEmailOtp'
  | 'verifyTotpSetup'
  | 'updateMfaPreference'
  | 'resetPassword'
  | 'confirmResetPassword'
  | 'updatePassword'
  | 'signOut'
  // Passkeys (WebAuthn)
  | 'signInWithPasskey'
  | 'addPasskey'
  | 'listPasskeys'
  | 'removePasskey';

const tooManyAttempts = 'Too many attempts. Please wait a few minutes and try again.';
const wrongAppCode =
  'That code is not right. Enter the 6-digit code your authenticator app shows now.';
const passwordSignInExpired =
  'This sign-in took too long and has expired. Go back to sign in and enter your password again.';
/** A sign-in with no password must not send the person looking for one. */
const codeSignInExpired =
  'This sign-in took too long and has expired. Go back to sign in and ask for a new code.';
const signInExpired = (operation: AuthOperation) =>
  operation === 'confirmSignInWithEmailOtp' ? codeSignInExpired : passwordSignInExpired;
/** From the pool declaration, so the advice never disagrees with the pool. */
const passwordRules = describePasswordPolicy(userPool.passwordPolicy);
const passwordOperations: readonly AuthOperation[] = [
  'signUp',
  'confirmResetPassword',
  'updatePassword',
  'confirmSignIn',
];

// --- Passkeys (WebAuthn) -------------------------------------------------------------------

const passkeyOperations: readonly AuthOperation[] = [
  'signInWithPasskey',
  'addPasskey',
  'listPasskeys',
  'removePasskey',
];

/**
 * The browser's refusals (Amplify's `PasskeyError` names, from the WebAuthn DOMExceptions) and
 * Cognito's WebAuthn errors. A browser never says whether it has a passkey for the account: "no
 * passkey here" and "cancelled" are the same `NotAllowedError`, so one sentence covers both.
 */
function passkeyMessage(
  name: string,
  original: string,
  operation: AuthOperation,
): string | undefined {
  const signingIn = operation === 'signInWithPasskey';
  switch (name) {
    case 'PasskeyNotSupported':
      return signingIn
        ? 'This browser cannot use passkeys. Sign in with your password or an emailed code.'
        : 'This browser cannot create passkeys. Try an up-to-date browser on this or another device.';
    case 'PasskeyAuthenticationCanceled':
    case 'PasskeyRetrievalFailed':
      return 'No passkey was used: the request was cancelled, or this device has no passkey for this account. Try again, or sign in another way.';
    case 'PasskeyRegistrationCanceled':
    case 'PasskeyRegistrationFailed':
      return 'No passkey was added: the request was cancelled or your device could not create one. You can try again.';
    case 'PasskeyOperationAborted':
      return signingIn
        ? 'The passkey request was interrupted. Try again.'
        : 'Adding the passkey was interrupted. You can try again.';
    case 'PasskeyAlreadyExists':
      return 'This device already has a passkey for your account. You can sign in with it.';
    case 'RelyingPartyMismatch':
    case 'WebAuthnRelyingPartyMismatchException':
    case 'WebAuthnOriginNotAllowedException':
      return 'Passkeys for this account do not work on this web address.';
    case 'WebAuthnNotEnabledException':
    case 'WebAuthnConfigurationMissingException':
      return 'Passkeys are not available for this app. Sign in with your password or an emailed code.';
    case 'WebAuthnChallengeNotFoundException':
      return 'That took too long and has expired. Please try again.';
    case 'WebAuthnCredentialNotSupportedException':
      return 'This kind of passkey is not supported. Try another device or password manager.';
    case 'ResourceNotFoundException':
      return operation === 'removePasskey' ? 'That passkey has already been removed.' : undefined;
    case 'NotAuthorizedException':
      // The assertion was refused (unknown or removed passkey, wrong signature); a lockout or an
      // ended session keeps the general wording.
      return signingIn && !/attempts exceeded|session/i.test(original)
        ? 'That passkey was not accepted. Sign in another way.'
        : undefined;
    case 'UserNotFoundException':
      return signingIn ? 'That passkey was not accepted. Sign in another way.' : undefined;
    case 'InvalidParameterException':
      return operation === 'addPasskey'
        ? 'Your device answered in a way we cannot use. Try again or use another device.'
        : undefined;
    default:
      return undefined;
  }
}

// --- end of passkeys ------------------------------------------------------------------------

function messageFor(name: string, original: string, operation: AuthOperation): string {
  const passkey = passkeyOperations.includes(operation)
    ? passkeyMessage(name, original, operation)
    : undefined;
  if (passkey) return passkey;
  switch (name) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(original)) return tooManyAttempts;
      if (/already confirmed|current status is confirmed/i.test(original))
        return 'This account is already confirmed. Please sign in.';
      if (operation === 'updatePassword') return 'Your current password is not correct.';
      if (operation.startsWith('confirmSignIn') && /session/i.test(original))
        return signInExpired(operation);
      if (/token|session/i.test(original)) return 'Your session has ended. Please sign in again.';
      return 'Wrong email or password.';
    case 'UserNotFoundException':
      return 'Wrong email or password.';
    case 'UsernameExistsException':
    case 'AliasExistsException':
      return 'An account with this email already exists. Sign in, or reset your password if you forgot it.';
    case 'UserNotConfirmedException':
      return 'Please confirm your email address first: enter the code we sent you.';
    case 'CodeMismatchException':
      if (operation === 'confirmSignInWithTotp') return wrongAppCode;
      if (operation === 'confirmSignInWithEmail' || operation === 'confirmSignInWithEmailOtp')
        return 'That code is not right. Enter the code from the latest sign-in email we sent you.';
      return 'That code is not right. Check the email we sent and try again.';
    case 'EnableSoftwareTokenMFAException':
      return wrongAppCode;
    case 'SoftwareTokenMFANotFoundException':
      return 'Set up your authenticator app first, then enter its code.';
    case 'ExpiredCodeException':
      if (operation.startsWith('confirmSignIn')) return signInExpired(operation);
      return 'That code has expired. Ask for a new code and try again.';
    case 'InvalidPasswordException':
      // Cognito's detail ("Password not long enough") is developer wording; the rules say more.
      return `That password is not strong enough. Use: ${lowerFirst(passwordRules)}`;
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return tooManyAttempts;
    case 'CodeDeliveryFailureException':
      return 'We could not send the code. Check the email address and try again.';
    case 'PasswordResetRequiredException':
      return 'You need to choose a new password. We sent a code to your email.';
    case 'UserAlreadyAuthenticatedException':
      return 'You are already signed in.';
    case 'NetworkError':
      return 'Cannot reach the sign-in service. Check your connection and try again.';
    case 'EmptySignInUsername':
    case 'EmptySignUpUsername':
    case 'EmptyConfirmSignUpUsername':
    case 'EmptyResetPasswordUsername':
    case 'EmptyConfirmResetPasswordUsername':
      return 'Please enter your email address.';
    case 'EmptySignInPassword':
    case 'EmptySignUpPassword':
    case 'EmptyConfirmResetPasswordNewPassword':
    case 'EmptyUpdatePassword':
      return 'Please enter a password.';
    case 'EmptyConfirmSignUpCode':
    case 'EmptyConfirmResetPasswordConfirmationCode':
      return 'Please enter the code from the email.';
    case 'InvalidParameterException':
      // e.g. "1 validation error detected: Value at 'proposedPassword' failed to satisfy
      // constraint: Member must have length greater than or equal to 6": never show that raw.
      if (/password/i.test(original) || passwordOperations.includes(operation))
        return `That password cannot be used. Use: ${lowerFirst(passwordRules)}`;
      if (/code/i.test(original)) return 'That code is not right. Check the email and try again.';
      if (/email|username/i.test(original)) return 'Please check the email address.';
      return 'Please check what you entered and try again.';
    default:
      return 'Something went wrong. Please try again.';
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Turns whatever Amplify threw into an `AuthFailure` with a human message. */
export function toAuthFailure(error: unknown, operation: AuthOperation): AuthFailure {
  if (error instanceof AuthFailure) return error;
  const name = error instanceof Error ? error.name : 'UnknownError';
  const original = error instanceof Error ? error.message : '';
  return new AuthFailure(name, messageFor(name, original, operation), { cause: error });
}
