import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The polite live region under a form or list that says how the last action went: its error (an
 * alert) or its success note (a status). Either may be absent.
 */
@Component({
  selector: 'app-outcome-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="polite">
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      @if (notice(); as message) {
        <p class="success" role="status">{{ message }}</p>
      }
    </div>
  `,
  styles: `
    .field-error {
      color: var(--danger);
    }
  `,
})
export class OutcomeMessages {
  readonly error = input<string | null>(null);
  readonly notice = input<string | null>(null);
}
