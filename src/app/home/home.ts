import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** The landing page for people who are not signed in (signed-in people go to their notes). */
@Component({
  selector: 'app-home',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Your notes, wherever you are</h1>
    <p>Keep private notes and reach them from any device. Sign in with your email address.</p>
    <p class="actions">
      <a class="button" routerLink="/sign-in">Sign in</a>
      <a class="button secondary" routerLink="/sign-up">Create an account</a>
    </p>
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
  `,
})
export class Home {}
