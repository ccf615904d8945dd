import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** An error announced to screen readers, with an optional retry. */
@Component({
  selector: 'app-error-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="alert" role="alert">
      <p>{{ message() }}</p>
      @if (retryLabel()) {
        <button type="button" class="secondary" (click)="retry.emit()">{{ retryLabel() }}</button>
      }
    </div>
  `,
  styles: `
    .alert {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--danger);
      border-left-width: 0.4rem;
      border-radius: 0.375rem;
      background: var(--danger-bg);
      color: var(--danger-text);
    }
    p {
      margin: 0;
      flex: 1 1 12rem;
    }
  `,
})
export class ErrorAlert {
  readonly message = input.required<string>();
  /** Shown as a button when set, e.g. "Try again". */
  readonly retryLabel = input<string | null>(null);
  readonly retry = output<void>();
}
