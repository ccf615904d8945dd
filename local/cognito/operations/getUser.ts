/**
 * GetUser: the signed-in user's attributes (values are strings, `"true"`/`"false"` included) and
 * their MFA settings (`UserMFASettingList`, `PreferredMfaSetting`).
 */
import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { toAttributeList } from '../attributes.ts';
import { mfaSettingsOf } from '../mfa.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const getUser: OperationFactory<'store' | 'tokens', GetUserRequest, GetUserResponse> =
  (services) => async (request) => {
    const { user } = await authenticateAccess(services, request['AccessToken']);
    return {
      UserAttributes: toAttributeList(user),
      Username: user.username,
      ...mfaSettingsOf(user),
    };
  };
