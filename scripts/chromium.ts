/**
 * Finds the Chromium the browser tests drive. Browsers cannot be downloaded on these machines,
 * so we use Debian's package: installed here when we may (root on Debian), otherwise we say how.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ChromiumResult = { ok: true; path: string } | { ok: false; message: string };

export interface ChromiumHost {
  readonly env: NodeJS.ProcessEnv;
  readonly isRoot: boolean;
  readonly isDebian: boolean;
  readonly exists?: (path: string) => boolean;
  readonly install?: () => boolean;
}

export const defaultChromium = '/usr/bin/chromium';

function aptInstallChromium(): boolean {
  console.log("Chromium not found: installing Debian's chromium package (apt-get) …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env,
  });
  return install.status === 0;
}

export function ensureChromium(host: ChromiumHost): ChromiumResult {
  const exists = host.exists ?? existsSync;
  const fromEnv = host.env['CHROME_BIN'];
  if (fromEnv) {
    return exists(fromEnv)
      ? { ok: true, path: fromEnv }
      : {
          ok: false,
          message: `CHROME_BIN=${fromEnv} does not exist: point it at a Chromium or Chrome binary, or unset it.`,
        };
  }
  if (exists(defaultChromium)) return { ok: true, path: defaultChromium };
  if (!host.isRoot || !host.isDebian) {
    return {
      ok: false,
      message:
        'No Chromium found: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_BIN to a Chromium/Chrome binary.',
    };
  }
  const installed = (host.install ?? aptInstallChromium)();
  return installed && exists(defaultChromium)
    ? { ok: true, path: defaultChromium }
    : {
        ok: false,
        message:
          "Installing Debian's chromium failed (see apt-get output above); install it by hand: `apt-get install chromium`.",
      };
}
