/**
 * ListUsers: users in creation order, `Limit` (≤ 60) per page with an opaque PaginationToken, and
 * Cognito's filter syntax for one attribute: `name = "value"` (exact) or `name ^= "value"` (prefix).
 */
import type { ListUsersResponse } from '@aws-sdk/client-cognito-identity-provider';
import { toUserType } from '../attributes.ts';
import { InvalidParameterException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory, type Wire } from '../services.ts';
import { type UserFilter } from '../store.ts';

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

export const listUsers: OperationFactory<Wire<ListUsersResponse>> =
  (services) => async (request) => {
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
    const filter = parseFilter(optionalString(request, 'Filter'));
    const token = optionalString(request, 'PaginationToken');
    const afterSeq =
      token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0)
      throw new InvalidParameterException('Invalid pagination token.');
    // One page through the index (creation order), never the whole pool.
    const page = services.store.listUsers({ afterSeq, limit: limit || 60, filter });
    return {
      Users: page.users.map((user) =>
        toUserType(user, (attributesToGet as string[] | null | undefined) ?? undefined),
      ),
      ...(page.more
        ? { PaginationToken: Buffer.from(String(page.lastSeq), 'utf8').toString('base64url') }
        : {}),
    };
  };

function parseFilter(filter: string | undefined): UserFilter | undefined {
  if (!filter) return undefined;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match || !filterable.has(match[1]!))
    throw new InvalidParameterException('Invalid search filter.');
  const [, name, operator, raw] = match;
  return {
    name: name === 'cognito:user_status' ? 'status' : name!,
    match: operator === '=' ? 'equals' : 'prefix',
    value: raw!.replace(/\\(.)/g, '$1'),
  };
}
