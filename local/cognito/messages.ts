/**
 * Every code or temporary password the pool emails goes through here: the custom message trigger
 * may give it the app's own subject and text, otherwise the pool's default wording is used.
 */
import { type Uses } from './services.ts';
import { type UserRecord } from './store.ts';
import { type Triggers } from './triggers.ts';

export type MessageSource = Parameters<Triggers['customMessage']>[0];

export async function sendCodeMessage(
  services: Uses<'mailbox' | 'triggers'>,
  message: {
    source: MessageSource;
    user: UserRecord;
    clientId: string | undefined;
    to: string;
    code: string;
    /** The pool's own wording, used when no trigger answers. */
    subject: string;
    body: string;
  },
  options: { logCode?: boolean } = {},
): Promise<void> {
  const custom = await services.triggers.customMessage(
    message.source,
    message.user,
    message.clientId,
    message.code,
  );
  services.mailbox.send(
    {
      to: message.to,
      subject: custom?.subject || message.subject,
      body: custom?.body ?? message.body,
      code: message.code,
    },
    options,
  );
}

/** The sign-up confirmation code (SignUp, ResendConfirmationCode). */
export function sendSignUpCode(
  services: Uses<'mailbox' | 'triggers'>,
  user: UserRecord,
  clientId: string,
  code: string,
  source: 'CustomMessage_SignUp' | 'CustomMessage_ResendCode',
): Promise<void> {
  return sendCodeMessage(services, {
    source,
    user,
    clientId,
    to: user.attributes['email']!,
    code,
    subject: 'Your verification code',
    body: `Your confirmation code is ${code}`,
  });
}
