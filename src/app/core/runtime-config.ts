import { InjectionToken } from '@angular/core';
import {
  defaultRuntimeConfig,
  parseRuntimeConfig,
  type RuntimeConfig,
} from '../../../amplify-config';

/** The environment this build talks to, resolved once before bootstrap. */
export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

/**
 * A deployed site ships `config.json` next to `index.html`; the local dev server does not, so a
 * missing or non-JSON answer means "use the local cloud defaults". A present but broken file is
 * an error: silently talking to the wrong pool would be worse than not starting.
 */
export async function loadRuntimeConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetchFn('config.json', { cache: 'no-store' });
  } catch {
    return defaultRuntimeConfig;
  }
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  if (!response.ok || !isJson) return defaultRuntimeConfig;
  return parseRuntimeConfig(await response.json());
}
