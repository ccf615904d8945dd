/** What the group operations share: validating their members and the `GroupType` wire shape. */
import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { awsTimestamp } from '../clock.ts';
import {
  CognitoError,
  InvalidParameterException,
  ResourceNotFoundException,
  UserNotFoundException,
} from './errors.ts';
import { type GroupRecord } from './groups.ts';
import { optionalString, requiredString, type JsonObject } from './request.ts';
import { type Uses, type Wire } from './services.ts';

/** AWS's pattern for GroupName: letters, marks, symbols, numbers and punctuation; 1–128. */
const groupNamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const roleArnPattern =
  /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;

export class GroupExistsException extends CognitoError {
  constructor(name: string) {
    // Unconfirmed: the wording of Cognito's message (the __type is documented).
    super('GroupExistsException', `A group with the name ${name} already exists.`);
  }
}

export const groupNotFound = (): ResourceNotFoundException =>
  new ResourceNotFoundException('Group not found.');

export function groupName(request: JsonObject): string {
  const name = requiredString(request, 'GroupName');
  if (name.length > 128)
    throw InvalidParameterException.validation(
      'groupName',
      'Member must have length less than or equal to 128',
    );
  if (!groupNamePattern.test(name))
    throw InvalidParameterException.validation(
      'groupName',
      'Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
    );
  return name;
}

/** Description, Precedence and RoleArn of CreateGroup / UpdateGroup, each optional. */
export function groupSettings(request: JsonObject): {
  description?: string;
  precedence?: number;
  roleArn?: string;
} {
  const description = optionalString(request, 'Description');
  if (description !== undefined && description.length > 2048)
    throw InvalidParameterException.validation(
      'description',
      'Member must have length less than or equal to 2048',
    );
  const precedence = request['Precedence'];
  if (
    precedence !== undefined &&
    precedence !== null &&
    (typeof precedence !== 'number' ||
      !Number.isInteger(precedence) ||
      precedence < 0 ||
      precedence > 2 ** 31 - 1)
  )
    throw InvalidParameterException.validation(
      'precedence',
      'Member must have value greater than or equal to 0',
    );
  const roleArn = optionalString(request, 'RoleArn');
  if (roleArn !== undefined && !roleArnPattern.test(roleArn))
    throw InvalidParameterException.validation(
      'roleArn',
      `Member must satisfy regular expression pattern: ${roleArnPattern.source}`,
    );
  return {
    ...(description === undefined ? {} : { description }),
    ...(typeof precedence === 'number' ? { precedence } : {}),
    ...(roleArn === undefined ? {} : { roleArn }),
  };
}

/** `Limit` of the list operations: 0–60, where 0 or none means the maximum. */
export function pageLimit(request: JsonObject): number {
  const limit = request['Limit'] ?? 0;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
    throw InvalidParameterException.validation(
      'limit',
      'Member must have value greater than or equal to 0',
    );
  if (limit > 60)
    throw InvalidParameterException.validation(
      'limit',
      'Member must have value less than or equal to 60',
    );
  return limit || 60;
}

export function toGroupType(group: GroupRecord, userPoolId: string): Wire<GroupType> {
  return {
    GroupName: group.name,
    UserPoolId: userPoolId,
    ...(group.description === undefined ? {} : { Description: group.description }),
    ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
    ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
    LastModifiedDate: awsTimestamp(group.updatedAt),
    CreationDate: awsTimestamp(group.createdAt),
  };
}

/**
 * The group and the user an AdminAddUserToGroup / AdminRemoveUserFromGroup request names, both
 * checked to exist (ResourceNotFoundException, UserNotFoundException); the username is canonical.
 */
export function groupAndMember(
  services: Uses<'groups' | 'store'>,
  request: JsonObject,
): { readonly group: string; readonly username: string } {
  const username = requiredString(request, 'Username');
  const group = groupName(request);
  if (!services.groups.get(group)) throw groupNotFound();
  const user = services.store.findUser(username);
  if (!user) throw new UserNotFoundException();
  return { group, username: user.username };
}
