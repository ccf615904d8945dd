/**
 * UpdateUserAttributes: writes attributes for the signed-in user. A new email is unverified until
 * VerifyUserAttribute; Cognito sends it a code (the pool auto-verifies email).
 */
import { checkWritableAttributes, emailDelivery } from '../attributes.ts';
import { AliasExistsException, UserNotFoundException } from '../errors.ts';
import { attributeList } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { sendCodeMessage } from '../messages.ts';

export const updateUserAttributes: OperationFactory = (services) => async (request) => {
  const { user, claims } = await authenticateAccess(services, request['AccessToken']);
  const updates = attributeList(request, 'UserAttributes', true);
  checkWritableAttributes(updates, false);
  const newEmail = updates.find(
    (a) => a.Name === 'email' && a.Value.toLowerCase() !== user.attributes['email']?.toLowerCase(),
  )?.Value;
  const now = services.clock.now();
  const issued = newEmail ? services.codes.issue('verifyEmail', user.username, now) : undefined;
  const { store } = services;
  store.transaction(() => {
    if (newEmail) {
      const holder = store.findUser(newEmail);
      if (holder && holder.username !== user.username)
        throw new AliasExistsException('An account with the given email already exists.');
      store.putCode(user.username, 'verifyEmail', issued!.stored);
    }
    const updated = store.updateUser(user.username, (target) => {
      if (newEmail) target.attributes['email_verified'] = 'false';
      for (const { Name, Value } of updates) target.attributes[Name] = Value;
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
  });
  if (!newEmail) return { CodeDeliveryDetailsList: [] };
  await sendCodeMessage(services, {
    source: 'CustomMessage_UpdateUserAttribute',
    user: services.store.getUser(user.username) ?? user,
    clientId: claims.client_id,
    to: newEmail,
    subject: 'Your verification code',
    body: `Your verification code is ${issued!.code}`,
    code: issued!.code,
  });
  return { CodeDeliveryDetailsList: [emailDelivery(newEmail)] };
};
