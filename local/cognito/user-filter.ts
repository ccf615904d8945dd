/**
 * ListUsers' `Filter`, as AWS documents it: `AttributeName Filter-Type "AttributeValue"`, one
 * attribute at a time, `=` for an exact match and `^=` for a prefix, quotation marks (and
 * backslashes) inside the value escaped with a backslash; an empty filter lists everyone. Only
 * these attributes are searchable: username, email, phone_number, name, given_name, family_name,
 * preferred_username, cognito:user_status (the status, case-insensitive), status (the enabled
 * flag: "Enabled" or "Disabled", case-sensitive) and sub. Custom attributes are not.
 *
 * AWS answers a filter it cannot parse with InvalidParameterException "Error while parsing
 * filter." (as SDK users report it); unconfirmed: "Invalid search attribute: <name>" for an
 * attribute that is not searchable (the wording moto, the AWS mock, uses).
 */
import { InvalidParameterException } from './errors.ts';
import { usernameKeyOf } from './schema.ts';
import { type UserFilter } from './store.ts';

const attributesWithoutIndex = new Set([
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
]);
const searchable = new Set([
  'username',
  'email',
  'sub',
  'cognito:user_status',
  'status',
  ...attributesWithoutIndex,
]);
const enabledValues = { Enabled: 1, Disabled: 0 } as const;

/**
 * The filter as the store runs it; `undefined` for none, `'nothing'` for one no user can match
 * (a `status` other than Enabled/Disabled).
 */
export function parseUserFilter(
  filter: string | undefined,
  options: { usernameCaseSensitive: boolean },
): UserFilter | undefined | 'nothing' {
  if (filter === undefined || filter.trim() === '') return undefined;
  const parsed = /^\s*([A-Za-z_][\w:.-]*)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!parsed) throw new InvalidParameterException('Error while parsing filter.');
  const [, name, operator, raw] = parsed as unknown as [string, string, string, string];
  if (!searchable.has(name))
    throw new InvalidParameterException(`Invalid search attribute: ${name}`);
  const match = operator === '=' ? 'equals' : 'prefix';
  const value = raw.replace(/\\(.)/g, '$1');
  switch (name) {
    case 'username':
      // unconfirmed: AWS calls the username filter case-sensitive; in a case-insensitive pool the
      // local one matches the way sign-in does (any case), since a name has one user either way.
      return options.usernameCaseSensitive
        ? { column: 'username', match, value }
        : { column: 'username_key', match, value: usernameKeyOf(value) };
    case 'email':
      // The sign-in alias, stored lower case. unconfirmed: AWS's case rule for this filter.
      return { column: 'email', match, value: value.toLowerCase() };
    case 'sub':
      return { column: 'sub', match, value };
    case 'cognito:user_status':
      return { column: 'status', match, value: value.toUpperCase() };
    case 'status': {
      const flags = Object.entries(enabledValues)
        .filter(([word]) => (match === 'equals' ? word === value : word.startsWith(value)))
        .map(([, flag]) => flag);
      if (flags.length === 0) return 'nothing';
      if (flags.length === 2) return undefined;
      return { column: 'enabled', match: 'equals', value: flags[0]! };
    }
    default:
      // unconfirmed: these compare case-sensitively (AWS names case rules for the others only).
      return { attribute: name, match, value };
  }
}
