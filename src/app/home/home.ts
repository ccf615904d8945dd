import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RUNTIME_CONFIG } from '../core/runtime-config';

@Component({
  selector: 'app-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Your notes, wherever you are</h1>
    <p>Sign in with your email address to keep private notes.</p>
    <p class="environment">Connected to user pool <code>{{ config.userPoolId }}</code></p>
  `,
})
export class Home {
  protected readonly config = inject(RUNTIME_CONFIG);
}
