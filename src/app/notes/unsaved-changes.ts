import type { CanDeactivateFn } from '@angular/router';

/** A page that may hold text the person has not saved yet. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

export const leaveWithUnsavedChangesQuestion =
  'You have unsaved changes. Leave this page? Your text stays on this device as a draft and is offered back when you return.';

/**
 * Every in-app way out of the editor (a link, Cancel, Back) asks first when there are unsaved
 * changes; closing or reloading the tab is covered by the editor's `beforeunload` handler.
 */
export const confirmLeavingUnsaved: CanDeactivateFn<HasUnsavedChanges> = (component) =>
  !component.hasUnsavedChanges() || window.confirm(leaveWithUnsavedChangesQuestion);
