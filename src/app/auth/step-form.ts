import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/**
 * The form of a sign-in screen around the screen's own fields (projected): the problem as an
 * alert, an optional status (an element with role="status"), and the submit button, busy while
 * the screen's call runs (and optionally with a second action, e.g. "Resend Code").
 */
@Component({
  selector: 'app-step-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form novalidate (submit)="send($event)">
      <ng-content />
      @if (problem(); as message) {
        <p [attr.id]="problemId()" class="field-error" role="alert">{{ message }}</p>
      }
      <ng-content select="[role=status]" />
      <div [class.actions]="secondaryLabel()">
        <button
          type="submit"
          [class.wide]="!secondaryLabel()"
          [disabled]="!ready() || busy()"
          [attr.aria-busy]="busy()"
        >
          {{ busy() ? (busyLabel() ?? submitLabel()) : submitLabel() }}
        </button>
        @if (secondaryLabel(); as label) {
          <button
            type="button"
            class="secondary"
            [disabled]="busy()"
            (click)="secondaryClicked.emit()"
          >
            {{ label }}
          </button>
        }
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class StepForm {
  readonly submitLabel = input.required<string>();
  /** The button's text while busy (e.g. "Signing in…"); the submit label when not given. */
  readonly busyLabel = input<string | null>(null);
  readonly problem = input<string | null>(null);
  /** The alert's id, which the screen's field is described by while it shows. */
  readonly problemId = input<string | null>(null);
  readonly busy = input(false);
  /** Whether what is typed can be sent at all (e.g. the new password meets the pool's rules). */
  readonly ready = input(true);
  readonly secondaryLabel = input<string | null>(null);
  readonly submitted = output();
  readonly secondaryClicked = output();

  protected send(event: Event): void {
    event.preventDefault();
    this.submitted.emit();
  }
}
