import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from './auth/auth';

/** The site header: brand and where you can go (sign in, or notes, profile and sign out). */
@Component({
  selector: 'app-nav',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bar">
      <a class="brand" routerLink="/">Notes</a>
      <nav aria-label="Main">
        <ul>
          @switch (auth.state()) {
            @case ('signedIn') {
              <li><a routerLink="/notes" [attr.aria-current]="current('/notes')">My notes</a></li>
              <li>
                <a routerLink="/profile" [attr.aria-current]="current('/profile')">Profile</a>
              </li>
              @if (auth.isAdmin()) {
                <li>
                  <a routerLink="/admin" [attr.aria-current]="current('/admin')">Administration</a>
                </li>
              }
              <li>
                <button type="button" class="link" [disabled]="signingOut()" (click)="signOut()">
                  {{ signingOut() ? 'Signing out…' : 'Sign out' }}
                </button>
              </li>
            }
            @case ('signedOut') {
              <li>
                <a routerLink="/sign-in" [attr.aria-current]="current('/sign-in')">Sign in</a>
              </li>
            }
          }
        </ul>
      </nav>
    </header>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      padding: 0.75rem 1.25rem;
      background: var(--brand);
      color: #fff;
    }
    .brand {
      color: inherit;
      font-weight: 700;
      font-size: 1.25rem;
      text-decoration: none;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    a,
    .link {
      color: #fff;
      font: inherit;
      text-underline-offset: 0.2em;
    }
    a[aria-current] {
      font-weight: 700;
    }
    .link,
    .link:hover:not(:disabled) {
      min-height: auto;
      background: none;
      border: 0;
      padding: 0;
      font-weight: 400;
      text-decoration: underline;
      cursor: pointer;
    }
    .link:disabled {
      opacity: 0.75;
      cursor: progress;
    }
    :focus-visible {
      outline-color: #ffd27a;
    }
  `,
})
export class Nav {
  /** The current URL, from the shell (cheaper than RouterLinkActive in the initial bundle). */
  readonly url = input('');

  protected readonly auth = inject(AuthService);
  protected readonly signingOut = signal(false);

  protected current(section: string): 'page' | null {
    const url = this.url();
    return url === section || url.startsWith(`${section}/`) || url.startsWith(`${section}?`)
      ? 'page'
      : null;
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.signOut();
    } finally {
      this.signingOut.set(false);
    }
  }
}
