import { inject } from '@angular/core';
import { Router } from '@angular/router';

/**
 * A one-off message handed to the next page through navigation state, e.g. "Note deleted."
 * after a delete navigates back to the list. Must be called in an injection context.
 */
export function flashMessage(): string | null {
  const state = inject(Router).currentNavigation()?.extras.state;
  const flash = state?.['flash'];
  return typeof flash === 'string' ? flash : null;
}
