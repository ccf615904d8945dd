/**
 * Nothing is really sent: every message is kept here (listed at `GET /_mailbox`) and logged as
 * one readable line. Kept in memory only, so codes never reach the disk in plain text.
 */
import { type Clock } from '../clock.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** The code (or temporary password) the message carries, for people and tests. */
  readonly code: string;
  /** ISO 8601. */
  readonly time: string;
}

export class Mailbox {
  readonly #messages: MailMessage[] = [];
  readonly #clock: Clock;
  readonly #log: (line: string) => void;

  constructor(clock: Clock, log: (line: string) => void) {
    this.#clock = clock;
    this.#log = log;
  }

  /** `logCode: false` keeps a temporary password off the console; it stays readable at /_mailbox. */
  send(
    message: { to: string; subject: string; body: string; code: string },
    options: { logCode?: boolean } = {},
  ): void {
    const entry: MailMessage = { ...message, time: new Date(this.#clock.now()).toISOString() };
    this.#messages.push(entry);
    const shown = options.logCode === false ? 'see GET /_mailbox' : message.code;
    this.#log(`[cognito mail] to ${message.to}: "${message.subject}" code ${shown}`);
  }

  /** Oldest first; `to` compares case-insensitively. */
  list(to?: string): MailMessage[] {
    if (!to) return [...this.#messages];
    const wanted = to.toLowerCase();
    return this.#messages.filter((message) => message.to.toLowerCase() === wanted);
  }
}
