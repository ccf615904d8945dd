import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { AuthService } from '../auth/auth';
import { exactTime } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { describeHttpError } from '../core/http-error';
import { Loadable } from '../core/loadable';
import { Skeleton } from '../core/skeleton';
import { AdminApi, type AdminUser, type AdminUsersPage } from './admin-api';

/** Something an administrator does to a user: its button, the call, and what it changes. */
interface UserAction {
  /** The button's text; its accessible name adds the user's label. */
  readonly name: string;
  readonly call: (username: string) => Observable<unknown>;
  /** The status afterwards, following the user's label. */
  readonly done: string;
  readonly patch: Partial<AdminUser>;
}

/** The back office: every user, with what an administrator may change about them. */
@Component({
  selector: 'app-admin-users',
  imports: [ErrorAlert, Skeleton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Administration</h1>
    <p class="hint">
      Disabling someone signs them out on every device and refuses their sign-in until you enable
      them again. A new administrator gets the role at their next sign-in.
    </p>
    <div aria-live="polite">
      @if (done(); as message) {
        <p class="success" role="status">{{ message }}</p>
      }
      @if (actionError(); as message) {
        <app-error-alert [message]="message" />
      }
    </div>
    @switch (page.status()) {
      @case ('loading') {
        <p class="visually-hidden" role="status">Loading users…</p>
        <app-skeleton [shapes]="['line', 'line', 'line']" />
      }
      @case ('error') {
        <app-error-alert [message]="page.message()!" retryLabel="Try again" (retry)="load()" />
      }
      @default {
        <ul class="users" aria-label="Users">
          @for (user of users(); track user.username) {
            <li class="user" [attr.data-testid]="'user-' + user.username">
              <h2>{{ user.email ?? user.username }}</h2>
              <dl>
                <div>
                  <dt>Status</dt>
                  <dd>{{ user.enabled ? 'Enabled' : 'Disabled' }} · {{ user.status }}</dd>
                </div>
                <div>
                  <dt>Created</dt>
                  <dd>{{ created(user) }}</dd>
                </div>
                <div>
                  <dt>Role</dt>
                  <dd>{{ user.isAdmin ? 'Administrator' : 'User' }}</dd>
                </div>
                <div>
                  <dt>Notes</dt>
                  <dd>{{ user.noteCount }}</dd>
                </div>
              </dl>
              @if (isSelf(user)) {
                <p class="hint">This is you.</p>
              } @else if (confirming() === user.username) {
                <div
                  class="confirm"
                  role="group"
                  [attr.aria-label]="'Confirm disabling ' + label(user)"
                >
                  <p>Disable {{ label(user) }}? They are signed out everywhere at once.</p>
                  <button
                    type="button"
                    class="danger"
                    [disabled]="busy()"
                    (click)="act(user, actions.disable)"
                  >
                    Yes, disable
                  </button>
                  <button type="button" class="secondary" (click)="confirming.set(null)">
                    Cancel
                  </button>
                </div>
              } @else {
                <div class="actions">
                  @for (action of actionsFor(user); track action.name) {
                    <button
                      type="button"
                      class="secondary"
                      [disabled]="busy()"
                      [attr.aria-label]="action.name + ' ' + label(user)"
                      (click)="press(user, action)"
                    >
                      {{ action.name }}
                    </button>
                  }
                </div>
              }
            </li>
          } @empty {
            <li>No users yet.</li>
          }
        </ul>
        @if (nextCursor()) {
          <button type="button" class="secondary" [disabled]="busy()" (click)="loadMore()">
            More users
          </button>
        }
      }
    }
  `,
  styles: `
    .users {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      gap: 1rem;
      margin: 1rem 0;
      padding: 0;
      list-style: none;
    }
    .user {
      padding: 1rem;
      border: 1px solid var(--border, #ccc);
      border-radius: 0.5rem;
      overflow-wrap: anywhere;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.05rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25rem 0.75rem;
      margin: 0 0 0.75rem;
    }
    dl div {
      display: contents;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .actions,
    .confirm {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .confirm p {
      flex: 1 1 100%;
      margin: 0;
    }
  `,
})
export class Users implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  readonly page = new Loadable<AdminUsersPage>();
  readonly users = signal<readonly AdminUser[]>([]);
  readonly nextCursor = signal<string | null>(null);
  /** The user whose disabling awaits confirmation. */
  readonly confirming = signal<string | null>(null);
  readonly busy = signal(false);
  readonly done = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  private readonly me = computed(() => this.auth.user()?.userId);
  protected readonly actions = {
    disable: {
      name: 'Disable',
      call: (username) => this.api.disable(username),
      done: 'is disabled.',
      patch: { enabled: false },
    },
    enable: {
      name: 'Enable',
      call: (username) => this.api.enable(username),
      done: 'is enabled.',
      patch: { enabled: true },
    },
    makeAdmin: {
      name: 'Make administrator',
      call: (username) => this.api.makeAdmin(username),
      done: 'is an administrator.',
      patch: { isAdmin: true },
    },
    removeAdmin: {
      name: 'Remove administrator',
      call: (username) => this.api.removeAdmin(username),
      done: 'is no longer an administrator.',
      patch: { isAdmin: false },
    },
  } satisfies Record<string, UserAction>;

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    const first = await this.page.run(() => this.api.list());
    if (!first) return;
    this.users.set(first.users);
    this.nextCursor.set(first.nextCursor);
  }

  async loadMore(): Promise<void> {
    const more = await this.page.run(() => this.api.list(this.nextCursor()), { quiet: true });
    if (!more) return;
    this.users.update((users) => [...users, ...more.users]);
    this.nextCursor.set(more.nextCursor);
  }

  label(user: AdminUser): string {
    return user.email ?? user.username;
  }

  created(user: AdminUser): string {
    return exactTime(user.createdAt);
  }

  isSelf(user: AdminUser): boolean {
    return user.username === this.me();
  }

  /** A user's buttons: enable or disable, and the administrator role, as the user is now. */
  actionsFor(user: AdminUser): readonly UserAction[] {
    const { disable, enable, makeAdmin, removeAdmin } = this.actions;
    return [user.enabled ? disable : enable, user.isAdmin ? removeAdmin : makeAdmin];
  }

  /** Disabling signs the person out everywhere, so it asks first; the rest happen at once. */
  press(user: AdminUser, action: UserAction): void {
    if (action === this.actions.disable) this.confirming.set(user.username);
    else void this.act(user, action);
  }

  async act(user: AdminUser, action: UserAction): Promise<void> {
    this.busy.set(true);
    this.done.set(null);
    this.actionError.set(null);
    try {
      await firstValueFrom(action.call(user.username));
      this.users.update((users) =>
        users.map((each) =>
          each.username === user.username ? { ...each, ...action.patch } : each,
        ),
      );
      this.done.set(`${this.label(user)} ${action.done}`);
    } catch (error) {
      this.actionError.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
      this.confirming.set(null);
    }
  }
}
