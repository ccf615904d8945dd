import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="app-header">
      <a class="brand" routerLink="/">Notes</a>
    </header>
    <main id="main" class="app-main">
      <router-outlet />
    </main>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .app-header { display: flex; align-items: center; gap: 1rem; padding: 0.75rem 1.25rem; background: var(--brand); color: #fff; }
    .brand { color: inherit; font-weight: 700; font-size: 1.25rem; text-decoration: none; }
    .app-main { flex: 1; width: 100%; max-width: 48rem; margin: 0 auto; padding: 1.25rem; box-sizing: border-box; }
  `,
})
export class App {}
