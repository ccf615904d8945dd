/**
 * Every failure the local user pool can answer with, one class per Cognito `__type`.
 * Callers and tests branch on the class; the transport turns any `CognitoError` into
 * `400 {"__type", "message"}` plus the `x-amzn-ErrorType` header, exactly as the real service does.
 * Messages are the ones real Cognito sends (see docs/cognito-behaviours.md).
 */

export class CognitoError extends Error {
  /** The bare `__type` name the clients read (`NotAuthorizedException`, …). */
  readonly type: string;
  /** 400 for everything the caller did wrong, as the real service (not the Smithy model) answers. */
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
    this.name = type;
  }
}

export class NotAuthorizedException extends CognitoError {
  constructor(message = 'Incorrect username or password.') {
    super('NotAuthorizedException', message);
  }
  static incorrectCredentials(): NotAuthorizedException {
    return new NotAuthorizedException('Incorrect username or password.');
  }
  static passwordAttemptsExceeded(): NotAuthorizedException {
    return new NotAuthorizedException('Password attempts exceeded');
  }
  static secretNotReceived(clientId: string): NotAuthorizedException {
    return new NotAuthorizedException(
      `Client ${clientId} is configured for secret but secret was not received`,
    );
  }
  static badSecretHash(clientId: string): NotAuthorizedException {
    return new NotAuthorizedException(`Unable to verify secret hash for client ${clientId}`);
  }
}

export class UserNotFoundException extends CognitoError {
  constructor(message = 'User does not exist.') {
    super('UserNotFoundException', message);
  }
}

export class UsernameExistsException extends CognitoError {
  constructor(message = 'An account with the given email already exists.') {
    super('UsernameExistsException', message);
  }
}

export class AliasExistsException extends CognitoError {
  constructor(message = 'An account with the email already exists.') {
    super('AliasExistsException', message);
  }
}

export class UserNotConfirmedException extends CognitoError {
  constructor(message = 'User is not confirmed.') {
    super('UserNotConfirmedException', message);
  }
}

export class InvalidPasswordException extends CognitoError {
  constructor(reason: string) {
    super('InvalidPasswordException', `Password did not conform with policy: ${reason}`);
  }
}

export class InvalidParameterException extends CognitoError {
  constructor(message: string) {
    super('InvalidParameterException', message);
  }
  /** The AWS JSON-protocol validation wording (field names in lowerCamelCase). */
  static validation(
    field: string,
    constraint: string,
    value: 'null' | '' = '',
  ): InvalidParameterException {
    const at = value === 'null' ? `Value null at '${field}'` : `Value at '${field}'`;
    return new InvalidParameterException(
      `1 validation error detected: ${at} failed to satisfy constraint: ${constraint}`,
    );
  }
  static missing(field: string): InvalidParameterException {
    return InvalidParameterException.validation(field, 'Member must not be null', 'null');
  }
}

export class CodeMismatchException extends CognitoError {
  constructor(message = 'Invalid verification code provided, please try again.') {
    super('CodeMismatchException', message);
  }
}

export class ExpiredCodeException extends CognitoError {
  constructor(message = 'Invalid code provided, please request a code again.') {
    super('ExpiredCodeException', message);
  }
}

/** A wrong code for a sign-in challenge (SOFTWARE_TOKEN_MFA, EMAIL_OTP). */
export function mfaCodeMismatch(): CodeMismatchException {
  return new CodeMismatchException('Invalid code received for user');
}

/** VerifySoftwareToken with a code the registered secret does not produce. */
export class EnableSoftwareTokenMFAException extends CognitoError {
  constructor(message = 'Code mismatch and fail enable Software Token MFA') {
    super('EnableSoftwareTokenMFAException', message);
  }
}

/** The user has no software token to verify or answer with. */
export class SoftwareTokenMFANotFoundException extends CognitoError {
  constructor(message = 'Software Token MFA does not exist for the user.') {
    super('SoftwareTokenMFANotFoundException', message);
  }
}

export class PasswordResetRequiredException extends CognitoError {
  constructor(message = 'Password reset required for the user') {
    super('PasswordResetRequiredException', message);
  }
}

export class UnsupportedUserStateException extends CognitoError {
  constructor(message: string) {
    super('UnsupportedUserStateException', message);
  }
}

export class LimitExceededException extends CognitoError {
  constructor(message = 'Attempt limit exceeded, please try after some time.') {
    super('LimitExceededException', message);
  }
}

export class ResourceNotFoundException extends CognitoError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

export class UnsupportedTokenTypeException extends CognitoError {
  constructor(message = 'Unsupported token type.') {
    super('UnsupportedTokenTypeException', message);
  }
}

export class UnauthorizedException extends CognitoError {
  constructor(message: string) {
    super('UnauthorizedException', message);
  }
}

/** An IAM-authorised operation called without a SigV4 `Authorization` header (see iam-auth.ts). */
export class MissingAuthenticationTokenException extends CognitoError {
  constructor(message = 'Missing Authentication Token') {
    super('MissingAuthenticationTokenException', message);
  }
}

/** An `Authorization` header that is not a complete SigV4 signature for cognito-idp. */
export class IncompleteSignatureException extends CognitoError {
  constructor(message: string) {
    super('IncompleteSignatureException', message);
  }
}

/** AWS JSON protocol: the `X-Amz-Target` names no operation this service has. */
export class UnknownOperationException extends CognitoError {
  constructor(target: string) {
    super(
      'UnknownOperationException',
      target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header',
    );
  }
}

/** AWS JSON protocol: the body is not a JSON object. */
export class SerializationException extends CognitoError {
  constructor(message = 'Request body is not a valid JSON object') {
    super('SerializationException', message);
  }
}

/** The body is larger than the pool accepts; 413 so proxies and clients see the right class. */
export class RequestEntityTooLargeException extends CognitoError {
  constructor(limit: number) {
    super('RequestEntityTooLargeException', `Request body exceeds ${limit} bytes`, 413);
  }
}

/** A fault of the local pool itself (never the caller's): 500, which the clients retry. */
export class InternalErrorException extends CognitoError {
  constructor(message = 'Internal error') {
    super('InternalErrorException', message, 500);
  }
}

/** An RFC 6749 §5.2 error from the OAuth 2.0 endpoints: `{"error": "..."}` with its HTTP status. */
export class OAuthError extends Error {
  readonly error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unauthorized_client'
    | 'unsupported_grant_type'
    | 'invalid_scope'
    | 'invalid_token'
    | 'unsupported_token_type';
  readonly status: number;
  constructor(error: OAuthError['error'], description: string, status = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

/** Passkeys are not among the pool's first factors (or the pool has no relying party). */
export class WebAuthnNotEnabledException extends CognitoError {
  constructor(message = 'WebAuthn is not enabled for this user pool.') {
    super('WebAuthnNotEnabledException', message);
  }
}

/** CompleteWebAuthnRegistration without a pending (unexpired) StartWebAuthnRegistration challenge. */
export class WebAuthnChallengeNotFoundException extends CognitoError {
  constructor(message = 'WebAuthn registration challenge not found or expired.') {
    super('WebAuthnChallengeNotFoundException', message);
  }
}

/** The access token is from another app client than the one that started the registration. */
export class WebAuthnClientMismatchException extends CognitoError {
  constructor(message = 'Client ID does not match the WebAuthn registration challenge.') {
    super('WebAuthnClientMismatchException', message);
  }
}

/** The registration's origin does not belong to the pool's relying-party id. */
export class WebAuthnOriginNotAllowedException extends CognitoError {
  constructor(message = 'The origin of the WebAuthn credential is not allowed.') {
    super('WebAuthnOriginNotAllowedException', message);
  }
}

/** The credential was made for another relying-party id than the pool's. */
export class WebAuthnRelyingPartyMismatchException extends CognitoError {
  constructor(message = 'The relying party ID of the WebAuthn credential does not match.') {
    super('WebAuthnRelyingPartyMismatchException', message);
  }
}

/** The authenticator's credential is of a kind the pool does not accept. */
export class WebAuthnCredentialNotSupportedException extends CognitoError {
  constructor(message = 'The WebAuthn credential is not supported.') {
    super('WebAuthnCredentialNotSupportedException', message);
  }
}
