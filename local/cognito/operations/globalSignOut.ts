/** GlobalSignOut: revokes every refresh token of the user and every access token derived from them. */
import { type OperationFactory } from '../services.ts';
import { authenticateAccess, revokeSessions } from '../sign-in.ts';

export const globalSignOut: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  await revokeSessions(services, (session) => session.username === user.username);
  return {};
};
