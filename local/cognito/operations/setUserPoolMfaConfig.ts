/**
 * SetUserPoolMfaConfig: changes the pool's MFA mode and factors at run time (kept in the store,
 * so tests can try `ON` and the MFA_SETUP challenge). Members left out keep their value.
 */
import type {
  SetUserPoolMfaConfigRequest,
  SetUserPoolMfaConfigResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors.ts';
import { poolMfaConfig, toMfaConfigResponse } from '../mfa.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { type StoredMfaConfig } from '../store.ts';

export const setUserPoolMfaConfig: OperationFactory<
  'pool' | 'store',
  SetUserPoolMfaConfigRequest,
  SetUserPoolMfaConfigResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const current = poolMfaConfig(services);
  const mode = optionalString(request, 'MfaConfiguration') ?? current.mode;
  if (mode !== 'OFF' && mode !== 'ON' && mode !== 'OPTIONAL')
    throw InvalidParameterException.validation(
      'mfaConfiguration',
      'Member must satisfy enum value set: [OFF, ON, OPTIONAL]',
    );
  const next: StoredMfaConfig = { mode, softwareToken: current.softwareToken };
  if (current.email) next.email = current.email;

  const token = request['SoftwareTokenMfaConfiguration'];
  if (token !== undefined && token !== null) {
    const enabled = (token as Record<string, unknown>)['Enabled'];
    next.softwareToken = enabled === true;
  }
  const email = request['EmailMfaConfiguration'];
  if (email !== undefined && email !== null) {
    if (typeof email !== 'object' || Array.isArray(email))
      throw InvalidParameterException.validation(
        'emailMfaConfiguration',
        'Member must be a structure',
      );
    const fields = email as Record<string, unknown>;
    const message = typeof fields['Message'] === 'string' ? fields['Message'] : undefined;
    const subject = typeof fields['Subject'] === 'string' ? fields['Subject'] : undefined;
    if (message !== undefined && !message.includes('{####}'))
      throw new InvalidParameterException('The email message must contain the {####} placeholder.');
    // ⚠ unconfirmed: a present EmailMfaConfiguration is what turns email codes on.
    next.email = {
      subject: subject ?? current.email?.subject ?? 'Your sign-in code',
      message: message ?? current.email?.message ?? 'Your sign-in code is {####}.',
    };
  }
  if (mode !== 'OFF' && !next.softwareToken && !next.email)
    throw new InvalidParameterException(
      'At least one MFA method must be enabled when MFA is ON or OPTIONAL.',
    );
  services.store.putSetting('mfaConfig', next);
  return toMfaConfigResponse(next);
};
