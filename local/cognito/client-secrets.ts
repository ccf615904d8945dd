/**
 * Secrets of the confidential app clients: generated once per data folder and kept in
 * `client-secrets.json` (mode 0600), because the pool must know them to check SECRET_HASH and
 * client authentication. Never logged; readable through DescribeUserPoolClient, as on AWS.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from './files.ts';

export async function loadClientSecrets(
  dir: string,
  clientIds: readonly string[],
): Promise<Record<string, string>> {
  const file = join(dir, 'client-secrets.json');
  const secrets = (await readJsonFile<Record<string, string>>(file)) ?? {};
  const missing = clientIds.filter((id) => !secrets[id]);
  if (missing.length > 0) {
    for (const id of missing) secrets[id] = newSecret();
    await writeFileAtomic(file, JSON.stringify(secrets, null, 2));
  }
  return secrets;
}

/** Cognito client secrets are about 51 lowercase letters and digits. */
function newSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let secret = '';
  for (let i = 0; i < 52; i++) secret += alphabet[randomInt(alphabet.length)];
  return secret;
}
