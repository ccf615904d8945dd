import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { AuthService } from '../auth/auth';
import { AdminApi, type AdminUser } from './admin-api';
import { Users } from './users';

const ada: AdminUser = {
  username: 'ada-sub',
  email: 'ada@example.com',
  status: 'CONFIRMED',
  enabled: true,
  createdAt: '2026-01-02T03:04:05.000Z',
  groups: [],
  isAdmin: false,
  noteCount: 3,
};
const me: AdminUser = { ...ada, username: 'me-sub', email: 'me@example.com', isAdmin: true };

describe('Administration (users)', () => {
  let api: jasmine.SpyObj<AdminApi>;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: AdminApi, useValue: api },
        { provide: AuthService, useValue: { user: signal({ userId: 'me-sub' }) } },
      ],
    });
    const fixture = TestBed.createComponent(Users);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      element.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`) ??
      [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    return { fixture, element, button };
  }

  beforeEach(() => {
    api = jasmine.createSpyObj('AdminApi', [
      'list',
      'disable',
      'enable',
      'makeAdmin',
      'removeAdmin',
    ]);
    api.list.and.returnValue(of({ users: [ada, me], nextCursor: null }));
  });

  it('lists users with status, role and note count; no actions on oneself', async () => {
    const { element } = await render();
    const card = element.querySelector('[data-testid="user-ada-sub"]')!;
    expect(card.textContent).toContain('ada@example.com');
    expect(card.textContent).toContain('Enabled · CONFIRMED');
    expect(card.textContent).toContain('3');
    const mine = element.querySelector('[data-testid="user-me-sub"]')!;
    expect(mine.textContent).toContain('This is you.');
    expect(mine.querySelector('button')).toBeNull();
  });

  it('asks for confirmation before disabling, and cancel does nothing', async () => {
    api.disable.and.returnValue(of({}));
    const { fixture, element, button } = await render();
    button('Disable ada@example.com').click();
    await fixture.whenStable();
    expect(api.disable).not.toHaveBeenCalled();
    expect(element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe(
      'Confirm disabling ada@example.com',
    );
    button('Cancel').click();
    await fixture.whenStable();
    expect(api.disable).not.toHaveBeenCalled();
    button('Disable ada@example.com').click();
    await fixture.whenStable();
    button('Yes, disable').click();
    await fixture.whenStable();
    expect(api.disable).toHaveBeenCalledOnceWith('ada-sub');
    expect(element.querySelector('[role="status"]')?.textContent).toContain(
      'ada@example.com is disabled.',
    );
    expect(button('Enable ada@example.com')).toBeTruthy();
  });

  it('makes and removes an administrator', async () => {
    api.makeAdmin.and.returnValue(of({}));
    api.removeAdmin.and.returnValue(of({}));
    const { fixture, button } = await render();
    button('Make administrator ada@example.com').click();
    await fixture.whenStable();
    expect(api.makeAdmin).toHaveBeenCalledOnceWith('ada-sub');
    button('Remove administrator ada@example.com').click();
    await fixture.whenStable();
    expect(api.removeAdmin).toHaveBeenCalledOnceWith('ada-sub');
  });

  it('shows a failed action as an alert and keeps the user as they were', async () => {
    api.makeAdmin.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({ status: 403, error: { message: 'Forbidden' }, statusText: 'x' }),
      ),
    );
    const { fixture, element, button } = await render();
    button('Make administrator ada@example.com').click();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')).not.toBeNull();
    expect(button('Make administrator ada@example.com')).toBeTruthy();
  });

  it('offers a retry when the list fails to load', async () => {
    api.list.and.returnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    const { fixture, element, button } = await render();
    expect(element.querySelector('[role="alert"]')).not.toBeNull();
    api.list.and.returnValue(of({ users: [ada], nextCursor: null }));
    button('Try again').click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="user-ada-sub"]')).not.toBeNull();
  });
});
