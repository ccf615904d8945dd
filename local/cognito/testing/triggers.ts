/** Misbehaving triggers for the pool's tests of Cognito's error semantics. */
export const throws = async () => {
  throw new Error('nobody may sign up today');
};

export const slow = () => new Promise((resolve) => setTimeout(resolve, 60_000).unref());

export const answersNothing = async () => undefined;

/** Records what it was given, for event-shape assertions. */
export const seen: unknown[] = [];
export const records = async (event: unknown) => {
  seen.push(structuredClone(event));
  return event;
};

/**
 * A pre sign-up trigger whose answer depends on the email's first label, so one pool tries each:
 * `confirm-verify.…` autoConfirmUser + autoVerifyEmail, `confirm.…` autoConfirmUser only,
 * `verify.…` autoVerifyEmail only, `phone.…` autoConfirmUser + autoVerifyPhone; others nothing.
 */
export const autoAnswers = async (event: {
  request: { userAttributes: Record<string, string> };
  response: Record<string, unknown>;
}) => {
  const label = (event.request.userAttributes['email'] ?? '').split('.')[0];
  const flags: Record<string, Record<string, boolean>> = {
    'confirm-verify': { autoConfirmUser: true, autoVerifyEmail: true },
    confirm: { autoConfirmUser: true },
    verify: { autoVerifyEmail: true },
    phone: { autoConfirmUser: true, autoVerifyPhone: true },
  };
  return { ...event, response: { ...event.response, ...flags[label ?? ''] } };
};
