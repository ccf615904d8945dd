/**
 * Secrets Manager rotation function for the paging-cursor key (AWS only; the local cloud keeps
 * its key in a file). Secrets Manager calls it four times per rotation, with `Step`:
 * createSecret (a new random key as AWSPENDING), setSecret and testSecret (nothing to configure
 * elsewhere: the key is only ours), finishSecret (AWSPENDING becomes AWSCURRENT, and Secrets
 * Manager labels the old one AWSPREVIOUS — which the functions keep accepting, so cursors issued
 * before the rotation stay valid until the next one).
 */
import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';

export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

type Command =
  | DescribeSecretCommand
  | GetSecretValueCommand
  | PutSecretValueCommand
  | UpdateSecretVersionStageCommand;

/** The part of the Secrets Manager client rotation needs (a fake in tests). */
export interface SecretsClient {
  send(command: Command): Promise<Record<string, unknown>>;
}

/** 48 random bytes, base64url: well above the codec's 16-byte minimum. */
export const newCursorKey = (): string => randomBytes(48).toString('base64url');

export function cursorKeyRotation(client: SecretsClient) {
  const describe = async (secretId: string) =>
    (await client.send(new DescribeSecretCommand({ SecretId: secretId }))) as {
      RotationEnabled?: boolean;
      VersionIdsToStages?: Record<string, string[]>;
    };

  return async (event: RotationEvent): Promise<void> => {
    const { SecretId, ClientRequestToken: token, Step } = event;
    const secret = await describe(SecretId);
    if (!secret.RotationEnabled) throw new Error(`Rotation is not enabled for ${SecretId}`);
    const stages = secret.VersionIdsToStages?.[token];
    if (!stages) throw new Error(`Version ${token} is no version of ${SecretId}`);
    if (stages.includes('AWSCURRENT')) return; // already finished (a retried step)
    if (!stages.includes('AWSPENDING'))
      throw new Error(`Version ${token} of ${SecretId} is not pending rotation`);

    switch (Step) {
      case 'createSecret': {
        try {
          await client.send(
            new GetSecretValueCommand({
              SecretId,
              VersionId: token,
              VersionStage: 'AWSPENDING',
            }),
          );
          return; // created by an earlier attempt of this step
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
        }
        await client.send(
          new PutSecretValueCommand({
            SecretId,
            ClientRequestToken: token,
            SecretString: newCursorKey(),
            VersionStages: ['AWSPENDING'],
          }),
        );
        return;
      }
      case 'setSecret':
        return; // nothing outside Secrets Manager holds the key
      case 'testSecret': {
        const pending = (await client.send(
          new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' }),
        )) as { SecretString?: string };
        if (!pending.SecretString || Buffer.byteLength(pending.SecretString) < 32)
          throw new Error(`The pending cursor key of ${SecretId} is too short`);
        return;
      }
      case 'finishSecret': {
        const current = Object.entries(secret.VersionIdsToStages ?? {}).find(([, labels]) =>
          labels.includes('AWSCURRENT'),
        )?.[0];
        await client.send(
          new UpdateSecretVersionStageCommand({
            SecretId,
            VersionStage: 'AWSCURRENT',
            MoveToVersionId: token,
            ...(current ? { RemoveFromVersionId: current } : {}),
          }),
        );
        return;
      }
    }
  };
}

export const handler = cursorKeyRotation(new SecretsManagerClient({}));
