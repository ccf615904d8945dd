import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

let dialogsCreated = 0;

/**
 * A modal "are you sure?" for a destructive action: a native `<dialog>` (focus trapped, Escape
 * cancels), named by its heading and described by the projected text. Focus starts on Cancel, so
 * Enter alone never confirms. The page opens and closes it; `confirmed` asks it to act.
 */
@Component({
  selector: 'app-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="id + '-title'" [attr.aria-describedby]="id + '-text'">
      <h2 [id]="id + '-title'">{{ heading() }}</h2>
      <p [id]="id + '-text'"><ng-content /></p>
      <div class="actions">
        <button
          type="button"
          class="danger"
          [disabled]="busy()"
          [attr.aria-busy]="busy()"
          (click)="confirmed.emit()"
        >
          {{ confirmLabel() }}
        </button>
        <button type="button" class="secondary" autofocus [disabled]="busy()" (click)="close()">
          Cancel
        </button>
      </div>
    </dialog>
  `,
  styles: `
    dialog {
      box-sizing: border-box;
      width: min(28rem, calc(100vw - 2rem));
      max-width: calc(100vw - 2rem);
      background: var(--bg-raised);
      color: var(--text);
      border: 1px solid var(--border);
      border-radius: 0.5rem;
      padding: 1.25rem;
    }
    h2 {
      margin-top: 0;
    }
    p {
      /* A name that is one long URL must wrap, not widen the dialog past a phone's screen. */
      overflow-wrap: anywhere;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
  `,
})
export class ConfirmDialog {
  /** The question, e.g. "Delete this note?"; it names the dialog. */
  readonly heading = input.required<string>();
  /** The destructive button's text, e.g. "Delete note" (or "Deleting…" while busy). */
  readonly confirmLabel = input.required<string>();
  /** While the action runs both buttons are disabled. */
  readonly busy = input(false);
  readonly confirmed = output<void>();

  protected readonly id = `confirm-dialog-${++dialogsCreated}`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  open(): void {
    this.dialog().nativeElement.showModal();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }
}
