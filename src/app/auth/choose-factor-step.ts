import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { attempt } from './attempt';
import { BackToSignIn } from './back-to-sign-in';
import { type ContinueStep, SignInFlow } from './sign-in-flow';
import { StepForm } from './step-form';

type ChoiceStep = Extract<
  ContinueStep,
  {
    signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION' | 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION';
  }
>;

type Factor = NonNullable<ChoiceStep['allowedMFATypes']>[number];

const factorNames: Readonly<Record<Factor, string>> = {
  TOTP: 'A code from my authenticator app',
  EMAIL: 'A code by email',
  SMS: 'A code by text message',
};

/**
 * Which second factor to use now (the person has more than one and prefers none), or which to set
 * up (the pool requires one and the person has none yet).
 */
@Component({
  selector: 'app-choose-factor-step',
  imports: [BackToSignIn, StepForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 tabindex="-1" id="choose-factor-heading">
      @if (setUp()) {
        Two-step sign-in is on for this account: how do you want to confirm it’s you?
      } @else {
        Two-step sign-in: how do you want to confirm it’s you?
      }
    </h2>
    <app-step-form
      submitLabel="Confirm"
      [problem]="problem()"
      [busy]="busy()"
      (submitted)="confirm()"
    >
      <fieldset>
        <legend class="visually-hidden">How do you want to confirm it’s you?</legend>
        @for (factor of factors(); track factor) {
          <label class="choice">
            <input
              type="radio"
              name="factor"
              [value]="factor"
              [checked]="chosen() === factor"
              (change)="chosen.set(factor)"
            />
            {{ names[factor] }}
          </label>
        }
      </fieldset>
    </app-step-form>
    <app-back-to-sign-in />
  `,
})
export class ChooseFactorStep {
  protected readonly flow = inject(SignInFlow);
  readonly step = input.required<ChoiceStep>();
  protected readonly names = factorNames;
  protected readonly chosen = signal<Factor | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly setUp = computed(
    () => this.step().signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
  );
  protected readonly factors = computed<readonly Factor[]>(
    () => this.step().allowedMFATypes ?? ['TOTP'],
  );

  constructor() {
    this.flow.focusOnEnter();
  }

  protected async confirm(): Promise<void> {
    const factor = this.chosen();
    if (!factor) return this.problem.set('Please choose one.');
    await attempt(this.busy, this.problem, () => this.flow.answer(factor));
  }
}
