/** User attributes: which ones may be written, their wire form, and how Cognito masks an email. */
import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { type Wire } from './services.ts';
import { InvalidParameterException, NotAuthorizedException } from './errors.ts';
import { type AttributeType } from './request.ts';
import { type UserRecord } from './store.ts';
import { awsTimestamp } from '../clock.ts';

/** Standard OIDC attributes of every pool; the pool declares no custom ones. */
const standardAttributes = new Set([
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
]);

/** Only administrators may set these. */
const adminOnlyAttributes = new Set(['email_verified', 'phone_number_verified']);

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 256 && emailPattern.test(value);
}

/** Validates names and values written by a user (`admin: false`) or an administrator. */
export function checkWritableAttributes(
  attributes: readonly AttributeType[],
  admin: boolean,
): void {
  for (const { Name, Value } of attributes) {
    if (Name === 'sub')
      throw new InvalidParameterException('Cannot modify the non-mutable attribute sub');
    if (adminOnlyAttributes.has(Name)) {
      if (!admin)
        throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
      if (Value !== 'true' && Value !== 'false')
        throw new InvalidParameterException(`Invalid value for ${Name}: must be true or false`);
      continue;
    }
    if (!standardAttributes.has(Name))
      throw new InvalidParameterException(`Attribute does not exist in the schema.`);
    if (Value.length > 2048)
      throw new InvalidParameterException(`${Name}: value exceeds 2048 characters`);
    if (Name === 'email' && !isEmail(Value))
      throw new InvalidParameterException('Invalid email address format.');
  }
}

/** Required in this pool's schema (DescribeUserPool says so): never deleted. */
const requiredAttributes = new Set(['email']);

/**
 * Validates names removed by DeleteUserAttributes (`admin: false`) or AdminDeleteUserAttributes.
 * Unconfirmed: the wording for a required attribute (AWS refuses it with InvalidParameterException).
 */
export function checkDeletableAttributes(names: readonly string[], admin: boolean): void {
  for (const name of names) {
    if (name === 'sub')
      throw new InvalidParameterException('Cannot modify the non-mutable attribute sub');
    if (requiredAttributes.has(name))
      throw new InvalidParameterException(`Cannot delete a required attribute: ${name}`);
    if (adminOnlyAttributes.has(name)) {
      if (!admin)
        throw new NotAuthorizedException('A client attempted to write unauthorized attribute');
      continue;
    }
    if (!standardAttributes.has(name))
      throw new InvalidParameterException(`Attribute does not exist in the schema.`);
  }
}

/** `[{Name, Value}]` with `sub` first, values as strings (as GetUser/AdminGetUser answer). */
export function toAttributeList(user: UserRecord): AttributeType[] {
  const { sub, ...rest } = user.attributes;
  return [
    { Name: 'sub', Value: sub ?? user.username },
    ...Object.entries(rest).map(([Name, Value]) => ({ Name, Value })),
  ];
}

/** "bob@example.com" → "b***@e***", the form of CodeDeliveryDetails.Destination. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

export function emailDelivery(email: string): {
  AttributeName: 'email';
  DeliveryMedium: 'EMAIL';
  Destination: string;
} {
  return { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: maskEmail(email) };
}

/**
 * The delivery an unknown user is told about when the client prevents user-existence errors:
 * shaped like a real one, so the answer does not reveal whether the account exists.
 */
export function simulatedDelivery(username: string): ReturnType<typeof emailDelivery> {
  return emailDelivery(username.includes('@') ? username : `${username}@x`);
}

/** The `UserType` shape of AdminCreateUser and ListUsers. */
export function toUserType(user: UserRecord, attributesToGet?: readonly string[]): Wire<UserType> {
  const attributes = toAttributeList(user).filter(
    (a) => !attributesToGet || attributesToGet.includes(a.Name),
  );
  return {
    Username: user.username,
    Attributes: attributes,
    UserCreateDate: awsTimestamp(user.createdAt),
    UserLastModifiedDate: awsTimestamp(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
