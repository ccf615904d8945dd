import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SignInFlow } from './sign-in-flow';

/** The way back from a step of the sign-in page to its sign-in form. */
@Component({
  selector: 'app-back-to-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="flow-aside">
      <button type="button" class="link" (click)="flow.toSignIn()">Back to sign in</button>
    </p>
  `,
})
export class BackToSignIn {
  protected readonly flow = inject(SignInFlow);
}
