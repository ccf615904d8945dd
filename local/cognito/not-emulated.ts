/**
 * Operations of the Cognito user-pools API (cognito-idp) that the local pool does not implement.
 * A call to one answers `UnsupportedOperationException` "<Operation> is not emulated by the local
 * user pool" — a clear refusal instead of the `UnknownOperationException` a misspelt name gets.
 * (Cognito itself has no such answer; the __type is the closest real one, chosen here.)
 * Names that gain a file in operations/ are served, whether or not they are still listed here.
 */
import { CognitoError } from './errors.ts';

export const notEmulatedOperations: ReadonlySet<string> = new Set([
  'AddCustomAttributes',
  'AddUserPoolClientSecret',
  'AdminDisableProviderForUser',
  'AdminForgetDevice',
  'AdminGetDevice',
  'AdminLinkProviderForUser',
  'AdminListDevices',
  'AdminListUserAuthEvents',
  'AdminSetUserSettings',
  'AdminUpdateAuthEventFeedback',
  'AdminUpdateDeviceStatus',
  'ConfirmDevice',
  'CreateIdentityProvider',
  'CreateManagedLoginBranding',
  'CreateResourceServer',
  'CreateTerms',
  'CreateUserImportJob',
  'CreateUserPool',
  'CreateUserPoolClient',
  'CreateUserPoolDomain',
  'DeleteIdentityProvider',
  'DeleteManagedLoginBranding',
  'DeleteResourceServer',
  'DeleteTerms',
  'DeleteUserPool',
  'DeleteUserPoolClient',
  'DeleteUserPoolClientSecret',
  'DeleteUserPoolDomain',
  'DescribeIdentityProvider',
  'DescribeManagedLoginBranding',
  'DescribeManagedLoginBrandingByClient',
  'DescribeResourceServer',
  'DescribeRiskConfiguration',
  'DescribeTerms',
  'DescribeUserImportJob',
  'DescribeUserPoolDomain',
  'ForgetDevice',
  'GetCSVHeader',
  'GetDevice',
  'GetIdentityProviderByIdentifier',
  'GetLogDeliveryConfiguration',
  'GetSigningCertificate',
  'GetUICustomization',
  'GetUserAuthFactors',
  'ListDevices',
  'ListIdentityProviders',
  'ListResourceServers',
  'ListTagsForResource',
  'ListTerms',
  'ListUserImportJobs',
  'ListUserPoolClientSecrets',
  'ListUserPools',
  'SetLogDeliveryConfiguration',
  'SetRiskConfiguration',
  'SetUICustomization',
  'SetUserSettings',
  'StartUserImportJob',
  'StopUserImportJob',
  'TagResource',
  'UntagResource',
  'UpdateAuthEventFeedback',
  'UpdateDeviceStatus',
  'UpdateIdentityProvider',
  'UpdateManagedLoginBranding',
  'UpdateResourceServer',
  'UpdateTerms',
  'UpdateUserPool',
  'UpdateUserPoolClient',
  'UpdateUserPoolDomain',
]);

export class UnsupportedOperationException extends CognitoError {
  constructor(operation: string) {
    super('UnsupportedOperationException', `${operation} is not emulated by the local user pool`);
  }
}
