import { DestroyRef, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter, take } from 'rxjs';

/**
 * A one-off message handed to the next page through navigation state, e.g. "Note deleted."
 * after a delete navigates back to the list. Must be called in an injection context.
 *
 * The router keeps navigation state in the history entry, so a reload or Back/Forward would
 * show the message again ("Note saved." after a reload claims a save happened): once the
 * navigation has ended, the message is removed from the entry.
 */
export function flashMessage(): string | null {
  const router = inject(Router);
  const state = router.currentNavigation()?.extras.state;
  const flash = state?.['flash'];
  if (typeof flash !== 'string') return null;
  const subscription = router.events
    .pipe(
      filter((event) => event instanceof NavigationEnd),
      take(1),
    )
    .subscribe(() => forgetFlash());
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  return flash;
}

function forgetFlash(): void {
  const current: unknown = history.state;
  if (typeof current !== 'object' || current === null || !('flash' in current)) return;
  const { flash: _shown, ...rest } = current as Record<string, unknown>;
  history.replaceState(rest, '');
}
