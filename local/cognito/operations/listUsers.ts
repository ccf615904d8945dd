/**
 * ListUsers: users in creation order, `Limit` (≤ 60) per page with an opaque PaginationToken, and
 * Cognito's filter syntax for one attribute: `name = "value"` (exact) or `name ^= "value"` (prefix).
 */
import { toUserType } from '../attributes.ts';
import { InvalidParameterException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { type UserRecord } from '../store.ts';

const filterable = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

export const listUsers: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const limit = request['Limit'] ?? 60;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 60) {
    throw InvalidParameterException.validation(
      'limit',
      'Member must have value less than or equal to 60',
    );
  }
  const attributesToGet = request['AttributesToGet'];
  if (
    attributesToGet !== undefined &&
    attributesToGet !== null &&
    !(Array.isArray(attributesToGet) && attributesToGet.every((a) => typeof a === 'string'))
  ) {
    throw InvalidParameterException.validation(
      'attributesToGet',
      'Member must be a list of strings',
    );
  }
  const matches = parseFilter(optionalString(request, 'Filter'));
  const token = optionalString(request, 'PaginationToken');
  const start =
    token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0)
    throw new InvalidParameterException('Invalid pagination token.');
  const users = Object.values(services.store.state.users)
    .filter(matches)
    .sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
  const page = users.slice(start, start + (limit || 60));
  const next = start + page.length;
  return {
    Users: page.map((user) =>
      toUserType(user, (attributesToGet as string[] | null | undefined) ?? undefined),
    ),
    ...(next < users.length
      ? { PaginationToken: Buffer.from(String(next), 'utf8').toString('base64url') }
      : {}),
  };
};

function parseFilter(filter: string | undefined): (user: UserRecord) => boolean {
  if (!filter) return () => true;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match || !filterable.has(match[1]!))
    throw new InvalidParameterException('Invalid search filter.');
  const [, name, operator, raw] = match;
  const wanted = raw!.replace(/\\(.)/g, '$1').toLowerCase();
  return (user) => {
    const value =
      name === 'username'
        ? user.username
        : name === 'status' || name === 'cognito:user_status'
          ? user.status
          : user.attributes[name!];
    if (value === undefined) return false;
    const actual = value.toLowerCase();
    return operator === '=' ? actual === wanted : actual.startsWith(wanted);
  };
}
