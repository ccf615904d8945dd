import { Ajv, type ErrorObject, type SchemaObject } from 'ajv';
import { ValidationError } from './errors.ts';

/**
 * One Ajv for the API. `unicode: false` makes `maxLength` count UTF-16 units like a browser's
 * `maxlength`, which also keeps the longest valid note under DynamoDB's 400 KB item limit.
 */
const ajv = new Ajv({
  allErrors: true,
  unicode: false,
  strict: true,
  // Ajv still honours `unicode: false` but warns that it is deprecated on every cold start.
  logger: {
    log: console.log,
    warn: (...args: unknown[]) => {
      if (!String(args[0]).includes('option unicode')) console.warn(...args);
    },
    error: console.error,
  },
});

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return path ? `${path}.${missing}` : missing;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return path ? `${path}.${extra}` : extra;
  }
  return path || 'body';
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed';
    case 'pattern':
      return 'has an invalid format';
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * A checker that returns the typed value or throws a 400 with one message per bad field. `T` is
 * the caller's statement of what the schema accepts (Ajv's `JSONSchemaType` would force
 * `nullable` on every optional field, i.e. accept `null` where the API does not).
 */
export function validator<T>(schema: SchemaObject, what: string): (value: unknown) => T {
  const validate = ajv.compile<T>(safeIntegers(schema));
  return (value) => {
    if (validate(value)) return value;
    const details: Record<string, string> = {};
    for (const error of validate.errors ?? []) {
      const field = fieldOf(error);
      details[field] ??= messageOf(error);
    }
    const summary = Object.entries(details)
      .map(([field, message]) => `${field} ${message}`)
      .join('; ');
    throw new ValidationError(details, `Invalid ${what}: ${summary}`);
  };
}

/**
 * JSON Schema's `integer` admits 1e300 (a whole number, to JavaScript), which no counter or
 * DynamoDB number can hold exactly: every `integer` is also bounded to the safe integers, so such a
 * value is a 400 with the bound, not a failure further on.
 */
function safeIntegers(schema: SchemaObject): SchemaObject {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = walk(value);
    if (copy['type'] === 'integer') {
      const max = typeof copy['maximum'] === 'number' ? copy['maximum'] : Infinity;
      const min = typeof copy['minimum'] === 'number' ? copy['minimum'] : -Infinity;
      copy['maximum'] = Math.min(max, Number.MAX_SAFE_INTEGER);
      copy['minimum'] = Math.max(min, Number.MIN_SAFE_INTEGER);
    }
    return copy;
  };
  return walk(schema) as SchemaObject;
}
