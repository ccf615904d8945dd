/** Request members that operations pass on to triggers as plain string maps. */
import { attributeList, type JsonObject } from './request.ts';

/** `[{Name, Value}]` (ValidationData) as `{name: value}`; undefined when absent. */
export function nameValueMap(
  request: JsonObject,
  member: string,
): Record<string, string> | undefined {
  if (request[member] === undefined || request[member] === null) return undefined;
  return Object.fromEntries(attributeList(request, member, false).map((a) => [a.Name, a.Value]));
}

/** ClientMetadata: a `{string: string}` map; other values are dropped. */
export function plainMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
