/**
 * What AssociateSoftwareToken and VerifySoftwareToken share: whom they act for (the signed-in user
 * of an AccessToken, or the person in the middle of the MFA_SETUP challenge, named by its
 * Session) and, on the MFA_SETUP path, the new single-use Session each answers with.
 */
import { InvalidParameterException } from './errors.ts';
import { optionalString } from './request.ts';
import { type Uses } from './services.ts';
import { authenticateAccess } from './sign-in.ts';
import { type UserRecord } from './store.ts';

export interface SoftwareTokenCaller {
  readonly user: UserRecord | undefined;
  /** The MFA_SETUP step in progress; undefined when signed in with an AccessToken. */
  readonly setup?: { readonly session: string; readonly clientId: string };
}

/** Either AccessToken or Session, as both operations take them. */
export async function softwareTokenCaller(
  services: Uses<'authSessions' | 'store' | 'tokens'>,
  request: { readonly AccessToken?: unknown; readonly Session?: unknown },
  now: number,
): Promise<SoftwareTokenCaller> {
  const accessToken = optionalString(request, 'AccessToken');
  const session = optionalString(request, 'Session');
  if (accessToken) return { user: (await authenticateAccess(services, accessToken)).user };
  if (!session)
    throw new InvalidParameterException('Either AccessToken or Session must be provided');
  const record = services.authSessions.expect(session, undefined, 'MFA_SETUP', now);
  return {
    user: services.store.getUser(record.username),
    setup: { session, clientId: record.clientId },
  };
}

/** Ends this MFA_SETUP step and starts the next one, carrying `data` to it. */
export function nextSetupSession(
  services: Uses<'authSessions'>,
  setup: NonNullable<SoftwareTokenCaller['setup']>,
  username: string,
  data: Record<string, string>,
  now: number,
): string {
  services.authSessions.finish(setup.session);
  return services.authSessions.start(
    { username, clientId: setup.clientId, challenge: 'MFA_SETUP', data },
    now,
  );
}
