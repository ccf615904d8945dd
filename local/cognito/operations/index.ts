/** X-Amz-Target operation name → handler factory. One file per operation, named after it. */
import { type AnyOperationFactory } from '../services.ts';
import { adminAddUserToGroup } from './adminAddUserToGroup.ts';
import { adminConfirmSignUp } from './adminConfirmSignUp.ts';
import { adminCreateUser } from './adminCreateUser.ts';
import { adminDeleteUser } from './adminDeleteUser.ts';
import { adminDeleteUserAttributes } from './adminDeleteUserAttributes.ts';
import { adminDisableUser } from './adminDisableUser.ts';
import { adminEnableUser } from './adminEnableUser.ts';
import { adminGetUser } from './adminGetUser.ts';
import { adminInitiateAuth } from './adminInitiateAuth.ts';
import { adminListGroupsForUser } from './adminListGroupsForUser.ts';
import { adminRemoveUserFromGroup } from './adminRemoveUserFromGroup.ts';
import { adminResetUserPassword } from './adminResetUserPassword.ts';
import { adminRespondToAuthChallenge } from './adminRespondToAuthChallenge.ts';
import { adminSetUserMFAPreference } from './adminSetUserMFAPreference.ts';
import { adminSetUserPassword } from './adminSetUserPassword.ts';
import { adminUpdateUserAttributes } from './adminUpdateUserAttributes.ts';
import { adminUserGlobalSignOut } from './adminUserGlobalSignOut.ts';
import { associateSoftwareToken } from './associateSoftwareToken.ts';
import { changePassword } from './changePassword.ts';
import { confirmForgotPassword } from './confirmForgotPassword.ts';
import { confirmSignUp } from './confirmSignUp.ts';
import { createGroup } from './createGroup.ts';
import { deleteGroup } from './deleteGroup.ts';
import { deleteUser } from './deleteUser.ts';
import { completeWebAuthnRegistration } from './completeWebAuthnRegistration.ts';
import { listWebAuthnCredentials } from './listWebAuthnCredentials.ts';
import { startWebAuthnRegistration } from './startWebAuthnRegistration.ts';
import { deleteWebAuthnCredential } from './deleteWebAuthnCredential.ts';
import { deleteUserAttributes } from './deleteUserAttributes.ts';
import { describeUserPool } from './describeUserPool.ts';
import { describeUserPoolClient } from './describeUserPoolClient.ts';
import { forgotPassword } from './forgotPassword.ts';
import { getGroup } from './getGroup.ts';
import { getTokensFromRefreshToken } from './getTokensFromRefreshToken.ts';
import { getUser } from './getUser.ts';
import { getUserAttributeVerificationCode } from './getUserAttributeVerificationCode.ts';
import { getUserPoolMfaConfig } from './getUserPoolMfaConfig.ts';
import { globalSignOut } from './globalSignOut.ts';
import { initiateAuth } from './initiateAuth.ts';
import { listGroups } from './listGroups.ts';
import { listUserPoolClients } from './listUserPoolClients.ts';
import { listUsers } from './listUsers.ts';
import { listUsersInGroup } from './listUsersInGroup.ts';
import { resendConfirmationCode } from './resendConfirmationCode.ts';
import { respondToAuthChallenge } from './respondToAuthChallenge.ts';
import { revokeToken } from './revokeToken.ts';
import { setUserMFAPreference } from './setUserMFAPreference.ts';
import { setUserPoolMfaConfig } from './setUserPoolMfaConfig.ts';
import { signUp } from './signUp.ts';
import { updateGroup } from './updateGroup.ts';
import { updateUserAttributes } from './updateUserAttributes.ts';
import { verifySoftwareToken } from './verifySoftwareToken.ts';
import { verifyUserAttribute } from './verifyUserAttribute.ts';

export const operations: Readonly<Record<string, AnyOperationFactory>> = {
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminInitiateAuth: adminInitiateAuth,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminResetUserPassword: adminResetUserPassword,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  AssociateSoftwareToken: associateSoftwareToken,
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  ConfirmSignUp: confirmSignUp,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  ForgotPassword: forgotPassword,
  GetGroup: getGroup,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  ListGroups: listGroups,
  ListUserPoolClients: listUserPoolClients,
  ListUsers: listUsers,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  ListUsersInGroup: listUsersInGroup,
  ResendConfirmationCode: resendConfirmationCode,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SignUp: signUp,
  StartWebAuthnRegistration: startWebAuthnRegistration,
  UpdateGroup: updateGroup,
  UpdateUserAttributes: updateUserAttributes,
  VerifySoftwareToken: verifySoftwareToken,
  VerifyUserAttribute: verifyUserAttribute,
};
