import { computed, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { describeHttpError } from './http-error';

export type LoadStatus = 'loading' | 'ready' | 'error';

/**
 * The loading pattern every page shares: a status, the value, the failure (raw, for callers that
 * branch on e.g. a 404) and its sentence. `run()` replaces the value only on success, so a page
 * that refreshes something it already shows keeps showing it while loading (`quiet: true`).
 * Not `resource()`: a page here also needs to start loads on demand (retry, "load more") and to
 * await them, which a plain async method keeps obvious.
 */
export class Loadable<T> {
  readonly status = signal<LoadStatus>('loading');
  readonly value = signal<T | undefined>(undefined);
  readonly failure = signal<unknown>(null);
  readonly message = computed(() =>
    this.status() === 'error' ? describeHttpError(this.failure()) : null,
  );

  constructor(initial?: T) {
    if (initial !== undefined) {
      this.value.set(initial);
      this.status.set('ready');
    }
  }

  /** Loads once; resolves to the value, or `undefined` after a failure (kept in the signals). */
  async run(
    source: () => Observable<T> | Promise<T>,
    options: { quiet?: boolean } = {},
  ): Promise<T | undefined> {
    if (!options.quiet) this.status.set('loading');
    try {
      const result = source();
      const value = await (result instanceof Promise ? result : firstValueFrom(result));
      this.value.set(value);
      this.failure.set(null);
      this.status.set('ready');
      return value;
    } catch (error) {
      // A quiet refresh that fails keeps what is on screen rather than replacing it by an error.
      if (options.quiet && this.status() === 'ready') return undefined;
      this.failure.set(error);
      this.status.set('error');
      return undefined;
    }
  }
}
