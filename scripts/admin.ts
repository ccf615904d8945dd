/**
 * `npm run admin -- grant <email>` / `revoke <email>`: makes a user of the local pool a member of
 * the `admins` group (or not), so they can use the back office. Talks to the running local cloud
 * (COGNITO_PORT, default 9229) with SigV4-signed requests and the local dummy credentials. The
 * user signs in again (or refreshes) to receive `cognito:groups` and the admin scope.
 * On AWS: aws cognito-idp admin-add-user-to-group --user-pool-id <UserPoolId> --username <email>
 * --group-name admins
 */
import { pathToFileURL } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';
import { groups } from '../api/pool.ts';

const usage = 'usage: npm run admin -- grant <email> | revoke <email>';

export async function admin(args: readonly string[], endpoint: string): Promise<string> {
  const [action, email] = args;
  if ((action !== 'grant' && action !== 'revoke') || !email || args.length !== 2)
    throw new Error(usage);
  const sdk = new CognitoIdentityProviderClient({
    endpoint,
    region: localCloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const input = {
    UserPoolId: localCloud.userPoolId,
    Username: email,
    GroupName: groups.admins.name,
  };
  try {
    await sdk.send(
      action === 'grant'
        ? new AdminAddUserToGroupCommand(input)
        : new AdminRemoveUserFromGroupCommand(input),
    );
  } finally {
    sdk.destroy();
  }
  return action === 'grant'
    ? `${email} is now in ${groups.admins.name}; they get the Administration area at their next sign-in.`
    : `${email} is no longer in ${groups.admins.name}.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = process.env['COGNITO_PORT'] ?? '9229';
  admin(process.argv.slice(2), `http://localhost:${port}`).then(
    (line) => console.log(line),
    (error: Error) => {
      console.error(error.name === 'Error' ? error.message : `${error.name}: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
