import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

/** What differs between an address field and a code field (a mailed, texted or app code). */
const kinds = {
  email: { type: 'email', inputmode: null, autocomplete: 'username' },
  code: { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code' },
} as const;

/**
 * One labelled field of a sign-in screen: an email address or a code. While the screen shows a
 * problem (`StepForm`'s alert, id `problemId`) the field is marked invalid and described by it,
 * so a screen reader says why; otherwise it is described by `describedBy` (a hint), if any.
 */
@Component({
  selector: 'app-auth-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label [for]="fieldId()">{{ label() }}</label>
    <input
      #field
      [id]="fieldId()"
      [type]="kinds[kind()].type"
      [name]="kind()"
      [attr.inputmode]="kinds[kind()].inputmode"
      [attr.autocomplete]="autocomplete() ?? kinds[kind()].autocomplete"
      [attr.placeholder]="placeholder()"
      required
      [value]="value()"
      (input)="value.set(field.value)"
      [attr.aria-invalid]="problemId() ? true : null"
      [attr.aria-describedby]="problemId() ?? describedBy()"
    />
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class AuthField {
  readonly kind = input.required<keyof typeof kinds>();
  readonly fieldId = input.required<string>();
  readonly label = input.required<string>();
  /** Another token than the kind's (e.g. `email` for an address that is not the username). */
  readonly autocomplete = input<string | null>(null);
  readonly placeholder = input<string | null>(null);
  /** The id of the problem shown now, or `null` when there is none. */
  readonly problemId = input<string | null>(null);
  readonly describedBy = input<string | null>(null);
  readonly value = model('');

  protected readonly kinds = kinds;
}
