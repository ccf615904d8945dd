/** AdminSetUserMFAPreference: an administrator sets a user's factors (same rules as the user's). */
import type {
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserNotFoundException } from '../errors.ts';
import { applyMfaPreference, readMfaSettings } from '../mfa.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminSetUserMFAPreference: OperationFactory<
  'clock' | 'pool' | 'store',
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  const settings = {
    totp: readMfaSettings(request['SoftwareTokenMfaSettings'], 'softwareTokenMfaSettings'),
    email: readMfaSettings(request['EmailMfaSettings'], 'emailMfaSettings'),
    sms: readMfaSettings(request['SMSMfaSettings'], 'sMSMfaSettings'),
  };
  const now = services.clock.now();
  const updated = services.store.updateUser(user.username, (target) => {
    applyMfaPreference(services, target, settings, true);
    target.updatedAt = now;
  });
  if (!updated) throw new UserNotFoundException();
  return {};
};
