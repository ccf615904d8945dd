import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { e2ePorts } from '../playwright.config.ts';

/** The local pool the end-to-end cloud runs (see playwright.config.ts). */
export const e2eCloud = {
  cognitoUrl: `http://localhost:${e2ePorts.cognito}`,
  apiUrl: `http://localhost:${e2ePorts.api}`,
} as const;

interface MailboxMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly code?: string;
  readonly time: string;
}

/** A fresh address per test so journeys never share users. */
export function newEmail(label = 'person'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** A password that satisfies the pool's policy (api/pool.ts). */
export const goodPassword = 'Correct-Horse-42';

/**
 * The newest code mailed to `to` after `since` (ISO time), waiting for it to arrive. Sign-up and
 * reset codes have 6 digits, email sign-in (MFA) codes 8.
 */
export async function readCode(
  to: string,
  since = new Date(0).toISOString(),
  shape = /^\d{6}$/,
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(
          `${e2eCloud.cognitoUrl}/_mailbox?to=${encodeURIComponent(to)}`,
        );
        const messages = (await response.json()) as MailboxMessage[];
        code = messages.filter((message) => message.time >= since && message.code).at(-1)?.code;
        return code;
      },
      { message: `a code mailed to ${to}` },
    )
    .toMatch(shape);
  return code!;
}
