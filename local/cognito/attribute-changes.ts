/**
 * Writing and deleting a user's attributes, shared by the user's own operations (access token)
 * and the administrator's (SigV4). A changed email needs its emailed code (VerifyUserAttribute)
 * unless an administrator sets `email_verified` in the same call. With `keepOriginal.email`
 * (api/pool.ts) the new address waits in `users.extra.pendingEmail` meanwhile, and the verified
 * one stays in use; otherwise it replaces it at once, unverified.
 * Unconfirmed: that the original is kept even when it was itself unverified.
 */
import { userPool } from '../../api/pool.ts';
import { emailDelivery } from './attributes.ts';
import { AliasExistsException, UserNotFoundException } from './errors.ts';
import { sendCodeMessage } from './messages.ts';
import { type AttributeType } from './request.ts';
import { type Uses } from './services.ts';
import { type UserRecord } from './store.ts';

const pendingEmailKey = 'pendingEmail';

/** The email waiting for its code (with `keepOriginal.email`), if any. */
export function pendingEmailOf(user: UserRecord): string | undefined {
  const pending = user.extra[pendingEmailKey];
  return typeof pending === 'string' ? pending : undefined;
}

/**
 * Inside VerifyUserAttribute's transaction, once the code is judged right: the pending email (if
 * any) becomes the user's, verified. Refused if another account took that address meanwhile.
 */
export function applyVerifiedEmail(services: Uses<'store'>, username: string, now: number): void {
  const { store } = services;
  const current = store.getUser(username);
  if (!current) throw new UserNotFoundException();
  const pending = pendingEmailOf(current);
  if (pending) {
    const holder = store.findUser(pending);
    if (holder && holder.username !== username)
      throw new AliasExistsException('An account with the given email already exists.');
  }
  store.updateUser(username, (target) => {
    if (pending) target.attributes['email'] = pending;
    delete target.extra[pendingEmailKey];
    target.attributes['email_verified'] = 'true';
    target.updatedAt = now;
  });
}

/** Writes `updates` (already validated); returns the delivery of the code sent to a new email. */
export async function writeAttributes(
  services: Uses<'clock' | 'codes' | 'mailbox' | 'store' | 'triggers'>,
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
    const keepOriginal = needsCode && userPool.keepOriginal.email;
    const updated = store.updateUser(user.username, (target) => {
      for (const { Name, Value } of updates)
        if (!(keepOriginal && Name === 'email')) target.attributes[Name] = Value;
      if (keepOriginal) target.extra[pendingEmailKey] = newEmail;
      else {
        delete target.extra[pendingEmailKey];
        if (needsCode) target.attributes['email_verified'] = 'false';
      }
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
  services: Uses<'clock' | 'store'>,
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
