/** Crash-safe file writes: a reader sees the old file or the new one, never half of either. */
import { open, rename, readFile, unlink, chmod } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join } from 'node:path';

/** `.<name>.<12 hex>.tmp`: the temporary copy `writeFileAtomic` renames into place. */
const tempName = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** A temporary copy a crash left behind before its rename (removed at start, see data-folder.ts). */
export const isLeftoverTemp = (name: string): boolean => tempName.test(name);

export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data, 'utf8');
    // fsync before rename, or a power cut can leave the renamed file empty.
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, mode); // umask may have widened the mode given to open()
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The parsed JSON in `path`, or `undefined` when the file does not exist yet. */
export async function readJsonFile<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(
      `${path} is not valid JSON (${(error as Error).message}); restore it or remove the folder to start afresh`,
    );
  }
}
