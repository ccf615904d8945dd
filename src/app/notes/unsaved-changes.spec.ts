import type { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router';
import { confirmLeavingUnsaved, leaveWithUnsavedChangesQuestion } from './unsaved-changes';

describe('confirmLeavingUnsaved', () => {
  const leave = (dirty: boolean) =>
    confirmLeavingUnsaved(
      { hasUnsavedChanges: () => dirty },
      {} as ActivatedRouteSnapshot,
      {} as RouterStateSnapshot,
      {} as RouterStateSnapshot,
    );

  it('lets the person leave at once when nothing is unsaved', () => {
    const confirm = spyOn(window, 'confirm');
    expect(leave(false)).toBeTrue();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('asks first when something is unsaved, and stays when the answer is no', () => {
    const confirm = spyOn(window, 'confirm').and.returnValues(false, true);
    expect(leave(true)).toBeFalse();
    expect(leave(true)).toBeTrue();
    expect(confirm).toHaveBeenCalledWith(leaveWithUnsavedChangesQuestion);
  });
});
