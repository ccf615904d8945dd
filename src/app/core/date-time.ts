import { Pipe, type PipeTransform } from '@angular/core';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** An ISO timestamp in the reader's locale and time zone, with date and time. */
export function exactTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatter.format(date);
}

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "2 minutes ago", "yesterday", "3 weeks ago": how long ago, as people say it. */
export function timeAgo(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return '';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return value;
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'minute')
      return relative.format(Math.round(seconds / size), unit);
  }
  return exactTime(value);
}

/**
 * An ISO timestamp in the reader's locale and time zone. `Intl` instead of Angular's `DatePipe`:
 * the browser already knows every locale, and `DatePipe`'s formatting code would land in the
 * initial bundle (esbuild puts a shared file's used code in the chunk the entry point loads).
 */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return exactTime(value);
  }
}

/** How long ago; pass a `now` that changes (a ticking signal) to keep it current. */
@Pipe({ name: 'timeAgo' })
export class TimeAgoPipe implements PipeTransform {
  transform(value: string | null | undefined, now: number): string {
    return timeAgo(value, now);
  }
}
