import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { Nav } from './nav';

/** The shell: skip link, header with navigation, and the routed page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, Nav],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="focusMain($event)">Skip to content</a>
    <app-nav [url]="url()" />
    <main id="main" #main class="app-main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .app-main {
      flex: 1;
      width: 100%;
      max-width: 48rem;
      margin: 0 auto;
      padding: 1.25rem 1rem 3rem;
      box-sizing: border-box;
    }
    .app-main:focus {
      outline: none;
    }
    .skip-link {
      position: absolute;
      left: 0.5rem;
      top: -3rem;
      padding: 0.5rem 0.75rem;
      background: var(--bg-raised);
      color: var(--link);
      z-index: 10;
    }
    .skip-link:focus {
      top: 0.5rem;
    }
  `,
})
export class App {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly url = signal('');

  constructor() {
    const subscription = inject(Router)
      .events.pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe((event) => {
        const firstPage = this.url() === '';
        this.url.set(event.urlAfterRedirects);
        // After in-app navigation, move focus to the new page so screen readers and keyboard users
        // start there instead of on the link they just activated. The first load keeps the default.
        // Without scrolling: a page that restores its scroll position (the list) keeps it.
        if (firstPage) return;
        // A new page starts at the top unless it restores its own place (it does so on render,
        // which comes after this).
        window.scrollTo({ top: 0, behavior: 'instant' });
        setTimeout(() => this.main().nativeElement.focus({ preventScroll: true }));
      });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected focusMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
