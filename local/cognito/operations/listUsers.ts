/**
 * ListUsers: users in creation order, `Limit` (≤ 60) per page with an opaque PaginationToken,
 * `AttributesToGet`, and Cognito's filter for one attribute (user-filter.ts): `name = "value"`
 * (exact) or `name ^= "value"` (prefix).
 */
import type {
  ListUsersRequest,
  ListUsersResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { toUserType } from '../attributes.ts';
import { InvalidParameterException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { parseUserFilter } from '../user-filter.ts';

export const listUsers: OperationFactory<'pool' | 'store', ListUsersRequest, ListUsersResponse> =
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
    const filter = parseUserFilter(optionalString(request, 'Filter'), services.store);
    const token = optionalString(request, 'PaginationToken');
    const decoded = token === undefined ? '0' : Buffer.from(token, 'base64url').toString('utf8');
    const afterSeq = /^\d{1,15}$/.test(decoded) ? Number(decoded) : Number.NaN;
    if (!Number.isSafeInteger(afterSeq))
      throw new InvalidParameterException('Invalid pagination token.');
    if (filter === 'nothing') return { Users: [] };
    // One page through an index (creation order), or a bounded window for an attribute without
    // one (store.ts, attributeScanWindow): never the whole pool.
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
