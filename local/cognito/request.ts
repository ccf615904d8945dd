/** Reading members of a JSON request with the AWS validation wording for missing or bad ones. */
import { InvalidParameterException } from './errors.ts';

export type JsonObject = Record<string, unknown>;

/** lowerCamelCase member name as AWS validation messages print it. */
const fieldName = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

export function requiredString(request: JsonObject, member: string): string {
  const value = request[member];
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

export function optionalString(request: JsonObject, member: string): string | undefined {
  const value = request[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw InvalidParameterException.validation(fieldName(member), 'Member must be a string');
  return value;
}

/** A `{string: string}` map such as AuthParameters (clients may send null members). */
export function stringMap(
  request: JsonObject,
  member: string,
  required: boolean,
): Record<string, string> {
  const value = request[member];
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
export function attributeList(
  request: JsonObject,
  member: string,
  required: boolean,
): AttributeType[] {
  const value = request[member];
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
export function stringList(request: JsonObject, member: string): string[] {
  const value = request[member];
  if (value === undefined || value === null)
    throw InvalidParameterException.missing(fieldName(member));
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw InvalidParameterException.validation(
      fieldName(member),
      'Member must be a list of strings',
    );
  return value as string[];
}
