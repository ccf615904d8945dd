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
