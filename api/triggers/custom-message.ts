/**
 * Custom message trigger: the app's own subject and text for every code Cognito emails.
 * Cognito fills in `{####}` (the code) and, for an invitation, `{username}`; both must appear.
 */
import type { CustomMessageTriggerEvent } from 'aws-lambda';

const appName = 'Notes';

type Source = CustomMessageTriggerEvent['triggerSource'];

export const messages: Partial<Record<Source, { subject: string; text: string }>> = {
  CustomMessage_SignUp: {
    subject: `Welcome to ${appName}: confirm your email`,
    text: `Welcome to ${appName}! Your confirmation code is {####}. It is valid for 24 hours.`,
  },
  CustomMessage_ResendCode: {
    subject: `Your new ${appName} confirmation code`,
    text: `Your new ${appName} confirmation code is {####}.`,
  },
  CustomMessage_ForgotPassword: {
    subject: `Reset your ${appName} password`,
    text: `Someone asked to reset your ${appName} password. If it was you, use the code {####} within the hour; otherwise ignore this message.`,
  },
  CustomMessage_UpdateUserAttribute: {
    subject: `Confirm your new ${appName} email address`,
    text: `Use the code {####} to confirm this address for your ${appName} account. Until then your previous address stays in use.`,
  },
  CustomMessage_VerifyUserAttribute: {
    subject: `Verify your ${appName} email address`,
    text: `Your ${appName} verification code is {####}.`,
  },
  CustomMessage_AdminCreateUser: {
    subject: `You are invited to ${appName}`,
    text: `An administrator created a ${appName} account for you. Sign in as {username} with the temporary password {####}; you will choose your own password then.`,
  },
};

export const handler = async (
  event: CustomMessageTriggerEvent,
): Promise<CustomMessageTriggerEvent> => {
  const message = messages[event.triggerSource];
  if (!message) return event;
  event.response.emailSubject = message.subject;
  event.response.emailMessage = message.text
    .replaceAll('{####}', event.request.codeParameter)
    .replaceAll('{username}', event.request.usernameParameter ?? '');
  return event;
};
