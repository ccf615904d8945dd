/**
 * Authenticated, encrypted blobs (AES-256-GCM) for state the pool hands to the client and
 * must get back unaltered: the SRP SECRET_BLOCK (holds the server's secret b) and challenge
 * `Session` strings. `purpose` is bound as associated data so one kind cannot pass for another.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function seal(key: Buffer, purpose: string, payload: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The payload, or undefined when the blob was not sealed by this key for this purpose. */
export function unseal<T>(key: Buffer, purpose: string, blob: unknown): T | undefined {
  if (typeof blob !== 'string' || blob.length > 16_384) return undefined;
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
