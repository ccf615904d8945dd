/**
 * Cognito authorises two kinds of operation differently. Public and token-authorised operations
 * (SignUp, InitiateAuth, GetUser with an access token, …) need no AWS credentials. The
 * IAM-authorised ones (every `Admin*`, `ListUsers`, the pool and client management operations)
 * must be SigV4-signed by an IAM principal. Locally there is no IAM: any access key is accepted,
 * but the request must carry a well-formed SigV4 `Authorization` header for `cognito-idp`, so a
 * web page (which cannot sign without credentials) cannot read the machine client's secret or set
 * a user's password. The signature itself is not verified (any secret key works).
 *
 * What AWS answers, from SDK users' reports of unsigned calls to cognito-idp (ListUsers,
 * AdminCreateUser): `MissingAuthenticationTokenException`, "Missing Authentication Token".
 * Unconfirmed: the HTTP status (400, as other AWS JSON-protocol services answer it) and the exact
 * wording of `IncompleteSignatureException` for a malformed header.
 */
import { type IncomingHttpHeaders } from 'node:http';
import { IncompleteSignatureException, MissingAuthenticationTokenException } from './errors.ts';

/**
 * Operations the Cognito API reference marks "Amazon Cognito evaluates IAM policies in requests
 * for this API operation … you must use IAM credentials", among those the local pool implements
 * (and the ones it may implement next, so adding one cannot forget the check).
 */
export const iamAuthorizedOperations: ReadonlySet<string> = new Set([
  'AdminAddUserToGroup',
  'AdminConfirmSignUp',
  'AdminCreateUser',
  'AdminDeleteUser',
  'AdminDeleteUserAttributes',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminGetUser',
  'AdminInitiateAuth',
  'AdminListGroupsForUser',
  'AdminRemoveUserFromGroup',
  'AdminResetUserPassword',
  'AdminRespondToAuthChallenge',
  'AdminSetUserMFAPreference',
  'AdminSetUserPassword',
  'AdminUpdateUserAttributes',
  'AdminUserGlobalSignOut',
  'CreateGroup',
  'DeleteGroup',
  'DescribeUserPool',
  'DescribeUserPoolClient',
  'GetGroup',
  'GetUserPoolMfaConfig',
  'ListGroups',
  'ListUserPoolClients',
  'ListUsers',
  'ListUsersInGroup',
  'SetUserPoolMfaConfig',
  'UpdateGroup',
]);

/**
 * `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/cognito-idp/aws4_request,
 * SignedHeaders=<h1;h2…>, Signature=<hex>` — the form every SDK and the AWS CLI send.
 */
const sigV4 =
  /^AWS4-HMAC-SHA256 +Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/cognito-idp\/aws4_request, *SignedHeaders=([a-z0-9;-]+), *Signature=([0-9a-f]{64})$/;

/** Throws unless the request is SigV4-signed for cognito-idp (by any access key). */
export function assertSigned(headers: IncomingHttpHeaders): void {
  const authorization = headers.authorization;
  if (!authorization) throw new MissingAuthenticationTokenException();
  const match = sigV4.exec(authorization.trim());
  if (!match) {
    throw new IncompleteSignatureException(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters for the cognito-idp service (AWS4-HMAC-SHA256).",
    );
  }
  const signedHeaders = match[4]!.split(';');
  if (!headers['x-amz-date'] && !headers.date) {
    throw new IncompleteSignatureException(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (!signedHeaders.includes('host')) {
    throw new IncompleteSignatureException(
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
}
