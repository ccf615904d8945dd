import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuthWebAuthnCredential } from 'aws-amplify/auth';
import { AmplifyPasskeys } from '../auth/amplify-passkeys';
import { toAuthFailure, type AuthOperation } from '../auth/auth-errors';
import { browserSupportsPasskeys } from '../auth/passkey-support';
import { ConfirmDialog } from '../core/confirm-dialog';
import { DateTimePipe } from '../core/date-time';
import { ErrorAlert } from '../core/error-alert';
import { OutcomeMessages } from '../core/outcome-messages';

/** A passkey as this page shows it. */
export interface PasskeyRow {
  readonly credentialId: string;
  /** Cognito's `FriendlyCredentialName`. */
  readonly name: string;
  /** ISO time, for `DateTimePipe`. */
  readonly createdAt: string | null;
  /** Where it lives, in words, when the authenticator said so. */
  readonly kind: string | null;
}

function toRow(credential: AuthWebAuthnCredential): PasskeyRow | null {
  if (!credential.credentialId) return null;
  return {
    credentialId: credential.credentialId,
    name: credential.friendlyCredentialName || 'Passkey',
    createdAt: credential.createdAt ? new Date(credential.createdAt).toISOString() : null,
    kind:
      credential.authenticatorAttachment === 'platform'
        ? 'Built into a device'
        : credential.authenticatorAttachment === 'cross-platform'
          ? 'Security key or phone'
          : null,
  };
}

/**
 * Profile → Security → Passkeys: add one (the browser creates it, Cognito registers it), see them
 * with their names and creation dates, remove one after a confirmation. `?addPasskey=1` (where a
 * new passwordless account lands) opens with an offer to add one, focused so it is not missed.
 */
@Component({
  selector: 'app-passkeys',
  imports: [ConfirmDialog, DateTimePipe, ErrorAlert, OutcomeMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="passkeys-title">
      @if (offer()) {
        <div class="offer" role="region" aria-labelledby="passkey-offer-title">
          <h2 id="passkey-offer-title" tabindex="-1" #offerTitle>
            Add a passkey so you can sign in without waiting for a code
          </h2>
          <p>
            A passkey lets you sign in with your fingerprint, face, screen lock or a security key.
            There is nothing to remember and nothing to type.
          </p>
          <div class="actions">
            <button type="button" [disabled]="busy() || !supported" (click)="add()">
              Add a passkey
            </button>
            <button type="button" class="secondary" [disabled]="busy()" (click)="dismissOffer()">
              Not now
            </button>
          </div>
        </div>
      }

      <h2 id="passkeys-title">Passkeys</h2>
      <p>
        Sign in with your fingerprint, face, screen lock or a security key instead of a password.
      </p>
      @if (!supported) {
        <p class="hint" role="status">
          This browser cannot create passkeys. You can still remove the ones you have.
        </p>
      }
      @switch (status()) {
        @case ('loading') {
          <p class="status" role="status">Reading your passkeys…</p>
        }
        @case ('error') {
          <app-error-alert [message]="loadError()!" retryLabel="Try again" (retry)="load()" />
        }
        @default {
          @if (passkeys().length === 0) {
            <p data-testid="no-passkeys">You have no passkeys yet.</p>
          } @else {
            <ul class="passkeys" aria-label="Your passkeys">
              @for (passkey of passkeys(); track passkey.credentialId) {
                <li>
                  <div>
                    <strong class="name">{{ passkey.name }}</strong>
                    <span class="meta">
                      @if (passkey.createdAt) {
                        Added {{ passkey.createdAt | dateTime }}
                      }
                      @if (passkey.kind) {
                        · {{ passkey.kind }}
                      }
                    </span>
                  </div>
                  <button
                    type="button"
                    class="secondary"
                    [disabled]="busy()"
                    [attr.aria-label]="'Remove ' + passkey.name"
                    (click)="askToRemove(passkey)"
                  >
                    Remove
                  </button>
                </li>
              }
            </ul>
          }
          @if (supported && !offer()) {
            <button type="button" [disabled]="busy()" [attr.aria-busy]="busy()" (click)="add()">
              {{ adding() ? 'Waiting for your device…' : 'Add a passkey' }}
            </button>
          }
        }
      }
      <app-outcome-messages [error]="error()" [notice]="notice()" />
    </section>

    <app-confirm-dialog
      heading="Remove this passkey?"
      confirmLabel="Remove passkey"
      [busy]="busy()"
      (confirmed)="remove()"
    >
      You will no longer be able to sign in with “{{ removing()?.name }}”. The copy on your device
      stays until you delete it there.
    </app-confirm-dialog>
  `,
  styles: `
    section {
      margin-bottom: 2rem;
    }
    .offer {
      margin-bottom: 1.5rem;
      padding: 1rem;
      border: 2px solid var(--link);
      border-radius: 0.5rem;
      background: var(--surface);
    }
    .offer h2 {
      margin-top: 0;
      font-size: 1.2rem;
    }
    .passkeys {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      max-width: 36rem;
    }
    .passkeys li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--border);
    }
    .name {
      display: block;
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--muted);
      font-size: 0.9rem;
    }
  `,
})
export class Passkeys implements OnInit {
  private readonly amplify = inject(AmplifyPasskeys);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = viewChild.required(ConfirmDialog);
  private readonly offerTitle = viewChild<ElementRef<HTMLElement>>('offerTitle');

  protected readonly supported = browserSupportsPasskeys();
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly passkeys = signal<readonly PasskeyRow[]>([]);
  protected readonly offer = signal(this.route.snapshot.queryParamMap.get('addPasskey') === '1');
  protected readonly removing = signal<PasskeyRow | null>(null);
  protected readonly busy = signal(false);
  protected readonly adding = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
    // After the first render (not `afterNextRender`: it would pull more of Angular's core into the
    // initial bundle, see src/README.md): the offer takes focus so it is seen and heard first.
    if (this.offer())
      requestAnimationFrame(() => {
        const title = this.offerTitle()?.nativeElement;
        title?.scrollIntoView({ block: 'center' });
        title?.focus({ preventScroll: true });
      });
  }

  async load(): Promise<void> {
    this.status.set('loading');
    try {
      await this.refresh();
      this.status.set('ready');
    } catch (error) {
      this.loadError.set(toAuthFailure(error, 'listPasskeys').message);
      this.status.set('error');
    }
  }

  protected async add(): Promise<void> {
    const before = new Set(this.passkeys().map((passkey) => passkey.credentialId));
    this.adding.set(true);
    await this.act('addPasskey', async () => {
      await this.amplify.associate();
      await this.refresh();
      const added = this.passkeys().find((passkey) => !before.has(passkey.credentialId));
      this.closeOffer();
      return `Passkey added${added ? `: “${added.name}”` : ''}. You can now sign in with it.`;
    });
    this.adding.set(false);
  }

  protected dismissOffer(): void {
    this.closeOffer();
  }

  protected askToRemove(passkey: PasskeyRow): void {
    this.removing.set(passkey);
    this.error.set(null);
    this.dialog().open();
  }

  protected closeDialog(): void {
    this.dialog().close();
  }

  protected async remove(): Promise<void> {
    const passkey = this.removing();
    if (!passkey) return;
    await this.act('removePasskey', async () => {
      try {
        await this.amplify.delete(passkey.credentialId);
      } finally {
        this.closeDialog();
      }
      await this.refresh();
      return `“${passkey.name}” is removed: it no longer signs you in.`;
    });
  }

  private async refresh(): Promise<void> {
    const credentials = await this.amplify.list();
    this.passkeys.set(credentials.map(toRow).filter((row) => row !== null));
  }

  /** The offer is answered: hide it and drop `addPasskey` from the address (no new history entry). */
  private closeOffer(): void {
    if (!this.offer()) return;
    this.offer.set(false);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { addPasskey: null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private async act(operation: AuthOperation, change: () => Promise<string>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      this.notice.set(await change());
    } catch (error) {
      this.error.set(toAuthFailure(error, operation).message);
      // A refusal after the list changed elsewhere (e.g. removed in another tab): show what is true.
      await this.refresh().catch(() => undefined);
    } finally {
      this.busy.set(false);
    }
  }
}
