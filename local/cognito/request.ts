/** Reading members of a JSON request with the AWS validation wording for missing or bad ones. */
import { InvalidParameterException } from './errors.ts';

export type JsonObject = Record<string, unknown>;

/**
 * A request whose members are named by the AWS SDK's input type (see `WireRequest`): `member`
 * must be one of them, so a misspelt member fails the type-check.
 */
type Member<R extends object> = keyof R & string;

const read = <R extends object>(request: R, member: Member<R>): unknown =>
  (request as Record<string, unknown>)[member];

/** lowerCamelCase member name as AWS validation messages print it. */
const fieldName = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

export function requiredString<R extends object>(request: R, member: Member<R>): string {
  const value = read(request, member);
  if (value === undefined || value === null)
    throw InvalidParameterException.missing(fieldName(member));
  if (typeof value !== 'string')
    throw InvalidParameterException.validation(fieldName(member), 'Member must be a string');
  if (value === '')
    throw InvalidParameterException.validation(
      fieldName(member),
      'Member must have length greater than or equal to 1',
    );
  return value;
}

export function optionalString<R extends object>(
  request: R,
  member: Member<R>,
): string | undefined {
  const value = read(request, member);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw InvalidParameterException.validation(fieldName(member), 'Member must be a string');
  return value;
}

/** A `{string: string}` map such as AuthParameters (clients may send null members). */
export function stringMap<R extends object>(
  request: R,
  member: Member<R>,
  required: boolean,
): Record<string, string> {
  const value = read(request, member);
  if (value === undefined || value === null) {
    if (required) throw InvalidParameterException.missing(fieldName(member));
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw InvalidParameterException.validation(fieldName(member), 'Member must be a map');
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') result[key] = item;
  return result;
}

export interface AttributeType {
  Name: string;
  Value: string;
}

/** `UserAttributes: [{Name, Value}]`. */
export function attributeList<R extends object>(
  request: R,
  member: Member<R>,
  required: boolean,
): AttributeType[] {
  const value = read(request, member);
  if (value === undefined || value === null) {
    if (required) throw InvalidParameterException.missing(fieldName(member));
    return [];
  }
  if (!Array.isArray(value))
    throw InvalidParameterException.validation(fieldName(member), 'Member must be a list');
  return value.map((item: unknown) => {
    const entry = item as Partial<AttributeType> | null;
    if (!entry || typeof entry.Name !== 'string' || entry.Name === '') {
      throw InvalidParameterException.validation(
        `${fieldName(member)}.member.name`,
        'Member must not be null',
        'null',
      );
    }
    if (entry.Value !== undefined && entry.Value !== null && typeof entry.Value !== 'string') {
      throw InvalidParameterException.validation(
        `${fieldName(member)}.member.value`,
        'Member must be a string',
      );
    }
    return { Name: entry.Name, Value: entry.Value ?? '' };
  });
}

/** A required list of strings such as `UserAttributeNames`. */
export function stringList<R extends object>(request: R, member: Member<R>): string[] {
  const value = read(request, member);
  if (value === undefined || value === null)
    throw InvalidParameterException.missing(fieldName(member));
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw InvalidParameterException.validation(
      fieldName(member),
      'Member must be a list of strings',
    );
  return value as string[];
}
