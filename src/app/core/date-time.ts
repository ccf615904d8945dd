import { Pipe, type PipeTransform } from '@angular/core';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * An ISO timestamp in the reader's locale and time zone. `Intl` instead of Angular's `DatePipe`:
 * the browser already knows every locale, and `DatePipe`'s formatting code would land in the
 * initial bundle (esbuild puts a shared file's used code in the chunk the entry point loads).
 */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    if (!value) return '';
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : formatter.format(date);
  }
}
