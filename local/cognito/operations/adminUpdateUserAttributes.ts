/**
 * AdminUpdateUserAttributes: an administrator writes a user's attributes, `email_verified`
 * included. A new email without `email_verified` in the same call is unverified and gets a code,
 * as the pool auto-verifies email (the answer is empty, as on AWS; unconfirmed: that the code is
 * sent by this operation too, as the developer guide describes for attribute updates in general).
 */
import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { writeAttributes } from '../attribute-changes.ts';
import { checkWritableAttributes } from '../attributes.ts';
import { UserNotFoundException } from '../errors.ts';
import { attributeList, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminUpdateUserAttributes: OperationFactory<
  'clock' | 'codes' | 'mailbox' | 'pool' | 'store' | 'triggers',
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  const updates = attributeList(request, 'UserAttributes', true);
  if (!user) throw new UserNotFoundException();
  checkWritableAttributes(updates, true);
  await writeAttributes(services, user, updates, undefined);
  return {};
};
