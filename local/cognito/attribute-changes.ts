/**
 * Writing and deleting a user's attributes, shared by the user's own operations (access token)
 * and the administrator's (SigV4). A changed email is unverified until its emailed code is
 * redeemed (VerifyUserAttribute), unless an administrator sets `email_verified` in the same call.
 */
import { emailDelivery } from './attributes.ts';
import { AliasExistsException, UserNotFoundException } from './errors.ts';
import { sendCodeMessage } from './messages.ts';
import { type AttributeType } from './request.ts';
import { type Services } from './services.ts';
import { type UserRecord } from './store.ts';

/** Writes `updates` (already validated); returns the delivery of the code sent to a new email. */
export async function writeAttributes(
  services: Services,
  user: UserRecord,
  updates: readonly AttributeType[],
  clientId: string | undefined,
): Promise<ReturnType<typeof emailDelivery> | undefined> {
  const newEmail = updates.find(
    (a) => a.Name === 'email' && a.Value.toLowerCase() !== user.attributes['email']?.toLowerCase(),
  )?.Value;
  const verifiedByAdmin = updates.some((a) => a.Name === 'email_verified');
  const needsCode = newEmail !== undefined && !verifiedByAdmin;
  const now = services.clock.now();
  const issued = needsCode ? services.codes.issue('verifyEmail', user.username, now) : undefined;
  const { store } = services;
  store.transaction(() => {
    if (newEmail) {
      const holder = store.findUser(newEmail);
      if (holder && holder.username !== user.username)
        throw new AliasExistsException('An account with the given email already exists.');
    }
    if (issued) store.putCode(user.username, 'verifyEmail', issued.stored);
    const updated = store.updateUser(user.username, (target) => {
      if (newEmail) target.attributes['email_verified'] = 'false';
      for (const { Name, Value } of updates) target.attributes[Name] = Value;
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
  });
  if (!issued || !newEmail) return undefined;
  await sendCodeMessage(services, {
    source: 'CustomMessage_UpdateUserAttribute',
    user: services.store.getUser(user.username) ?? user,
    clientId,
    to: newEmail,
    subject: 'Your verification code',
    body: `Your verification code is ${issued.code}`,
    code: issued.code,
  });
  return emailDelivery(newEmail);
}

/** Removes the attributes `names` (already validated) from the user. */
export function deleteAttributes(
  services: Services,
  username: string,
  names: readonly string[],
): void {
  const now = services.clock.now();
  const updated = services.store.updateUser(username, (target) => {
    for (const name of names) delete target.attributes[name];
    target.updatedAt = now;
  });
  if (!updated) throw new UserNotFoundException();
}
