import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { describePasswordPolicy, passwordProblem, userPool } from '../../../api/pool';

/**
 * A new password and its repeat, for sign-up, a reset and a first sign-in with a temporary
 * password. Every rule of the pool's policy is checked as the person types (`api/pool.ts`), so
 * Cognito is only asked with a password it accepts and each missing rule is listed once.
 */
@Component({
  selector: 'app-new-password-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label [for]="id() + '-password'">{{ label() }}</label>
      <input
        #first
        [id]="id() + '-password'"
        type="password"
        name="new-password"
        autocomplete="new-password"
        required
        [value]="password()"
        (input)="password.set(first.value)"
        [attr.aria-invalid]="rulesProblem() ? true : null"
        [attr.aria-describedby]="id() + '-rules'"
      />
      <p [id]="id() + '-rules'" class="hint">
        @if (rulesProblem(); as problem) {
          <span class="field-error">{{ problem }}</span>
        } @else {
          {{ rules }}
        }
      </p>
    </div>
    <div class="field">
      <label [for]="id() + '-repeat'">Confirm Password</label>
      <input
        #second
        [id]="id() + '-repeat'"
        type="password"
        name="confirm-password"
        autocomplete="new-password"
        required
        [value]="repeat()"
        (input)="repeat.set(second.value)"
        [attr.aria-invalid]="mismatch() ? true : null"
        [attr.aria-describedby]="mismatch() ? id() + '-mismatch' : null"
      />
      @if (mismatch()) {
        <p [id]="id() + '-mismatch'" class="hint field-error">The passwords do not match.</p>
      }
    </div>
  `,
})
export class NewPasswordFields {
  /** Prefix of the fields' ids (one page may show these fields on more than one screen). */
  readonly id = input.required<string>();
  readonly label = input('Password');
  readonly password = model('');
  readonly repeat = model('');

  protected readonly rules = describePasswordPolicy(userPool.passwordPolicy);
  /** Shown once something is typed: an empty field is not yet a mistake. */
  protected readonly rulesProblem = computed(() =>
    this.password() ? passwordProblem(userPool.passwordPolicy, this.password()) : null,
  );
  protected readonly mismatch = computed(
    () => this.repeat().length > 0 && this.repeat() !== this.password(),
  );
}
