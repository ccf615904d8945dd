import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Grey placeholder lines while a page loads, instead of "Loading…". Hidden from assistive
 * technology: the page announces loading with a visually hidden status of its own. A component
 * (not global CSS) so its styles load with the pages that use it, not with the initial bundle.
 */
@Component({
  selector: 'app-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    @for (shape of shapes(); track $index) {
      <span class="bone" [attr.data-shape]="shape"></span>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .bone {
      display: block;
      height: 1rem;
      width: 40%;
      margin: 0.5rem 0;
      border-radius: 0.375rem;
      background: var(--bone);
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
    [data-shape='wide'] {
      width: 70%;
    }
    [data-shape='title'] {
      height: 1.75rem;
      width: 55%;
    }
    [data-shape='block'] {
      height: 10rem;
      width: 100%;
    }
    @keyframes pulse {
      to {
        opacity: 0.55;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bone {
        animation: none;
      }
    }
  `,
})
export class Skeleton {
  /** One shape per line: 'line', 'wide', 'title' or 'block'. */
  readonly shapes = input<readonly ('line' | 'wide' | 'title' | 'block')[]>(['wide', 'line']);
}
