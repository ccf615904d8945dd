/**
 * The data folder holds the pool's keys, the machine client's secret, every user's verifier and
 * every note: it is private to the user who runs the cloud. At start, before any server opens a
 * file, the process umask becomes 077, so whatever any part writes later (the pool's files,
 * dynalite's LevelDB files, SQLite's journal) is created 0600 / 0700 without each writer having to
 * remember; the existing tree is brought to the same modes (a folder from an older version or
 * copied in by hand), and temporary copies a crash left behind mid-write are removed.
 */
import { chmod, lstat, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isLeftoverTemp } from './cognito/files.ts';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/** Makes `dataDir` (created if missing) and everything in it private; returns removed leftovers. */
export async function preparePrivateDataFolder(dataDir: string): Promise<string[]> {
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: privateDirMode });
  const removed: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return; // never follow a link out of the folder
    if (stats.isDirectory()) {
      await chmod(path, privateDirMode);
      for (const name of await readdir(path)) {
        const child = join(path, name);
        if (isLeftoverTemp(name)) {
          await unlink(child);
          removed.push(child);
        } else {
          await visit(child);
        }
      }
    } else {
      await chmod(path, privateFileMode);
    }
  };
  await visit(dataDir);
  return removed;
}
