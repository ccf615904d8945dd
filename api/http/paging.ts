import { ValidationError } from './errors.ts';

export const pageLimits = { default: 20, max: 100 } as const;

/** `limit` from a query string: absent → the default; otherwise an integer in 1..max or a 400. */
export function pageLimit(value: string | undefined): number {
  if (value === undefined || value === '') return pageLimits.default;
  const limit = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= pageLimits.max)) {
    throw new ValidationError(
      { limit: `must be an integer from 1 to ${pageLimits.max}` },
      `Invalid limit: must be an integer from 1 to ${pageLimits.max}`,
    );
  }
  return limit;
}
