/** SetUserMFAPreference: the signed-in user turns factors on or off and picks the preferred one. */
import type {
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { applyMfaPreference, readMfaSettings } from '../mfa.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const setUserMFAPreference: OperationFactory<
  'clock' | 'store' | 'tokens',
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const settings = {
    totp: readMfaSettings(request['SoftwareTokenMfaSettings'], 'softwareTokenMfaSettings'),
    email: readMfaSettings(request['EmailMfaSettings'], 'emailMfaSettings'),
    sms: readMfaSettings(request['SMSMfaSettings'], 'sMSMfaSettings'),
  };
  const now = services.clock.now();
  services.store.updateUser(user.username, (target) => {
    applyMfaPreference(services, target, settings, false);
    target.updatedAt = now;
  });
  return {};
};
