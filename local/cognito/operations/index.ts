/** X-Amz-Target operation name → handler factory. One file per operation, named after it. */
import { type OperationFactory } from '../services.ts';
import { adminConfirmSignUp } from './adminConfirmSignUp.ts';
import { adminCreateUser } from './adminCreateUser.ts';
import { adminDeleteUser } from './adminDeleteUser.ts';
import { adminDisableUser } from './adminDisableUser.ts';
import { adminEnableUser } from './adminEnableUser.ts';
import { adminGetUser } from './adminGetUser.ts';
import { adminSetUserPassword } from './adminSetUserPassword.ts';
import { changePassword } from './changePassword.ts';
import { confirmForgotPassword } from './confirmForgotPassword.ts';
import { confirmSignUp } from './confirmSignUp.ts';
import { deleteUser } from './deleteUser.ts';
import { describeUserPoolClient } from './describeUserPoolClient.ts';
import { forgotPassword } from './forgotPassword.ts';
import { getTokensFromRefreshToken } from './getTokensFromRefreshToken.ts';
import { getUser } from './getUser.ts';
import { globalSignOut } from './globalSignOut.ts';
import { initiateAuth } from './initiateAuth.ts';
import { listUserPoolClients } from './listUserPoolClients.ts';
import { listUsers } from './listUsers.ts';
import { resendConfirmationCode } from './resendConfirmationCode.ts';
import { respondToAuthChallenge } from './respondToAuthChallenge.ts';
import { revokeToken } from './revokeToken.ts';
import { signUp } from './signUp.ts';
import { updateUserAttributes } from './updateUserAttributes.ts';
import { verifyUserAttribute } from './verifyUserAttribute.ts';

export const operations: Readonly<Record<string, OperationFactory>> = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminSetUserPassword: adminSetUserPassword,
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ConfirmSignUp: confirmSignUp,
  DeleteUser: deleteUser,
  DescribeUserPoolClient: describeUserPoolClient,
  ForgotPassword: forgotPassword,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  ListUserPoolClients: listUserPoolClients,
  ListUsers: listUsers,
  ResendConfirmationCode: resendConfirmationCode,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
  SignUp: signUp,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
};
