/**
 * aws-amplify v6, unchanged, in Node against a test pool, configured as the SPA configures itself
 * (`toAmplifyConfig`). Amplify is a process-wide singleton: one configured pool per test file.
 */
import { Amplify } from 'aws-amplify';
import { signOut } from 'aws-amplify/auth';
import { defaultRuntimeConfig, toAmplifyConfig } from '../../../amplify-config.ts';
import { startTestPool, type TestPool, type TestPoolOptions } from './pool.ts';

/** Points Amplify at `pool`, with the SPA's own configuration otherwise. */
export function configureAmplify(pool: TestPool): void {
  Amplify.configure(
    toAmplifyConfig({ ...defaultRuntimeConfig, userPoolEndpoint: pool.server.url }),
  );
}

/** A fresh test pool with Amplify configured against it. */
export async function startAmplifyPool(options: TestPoolOptions = {}): Promise<TestPool> {
  const pool = await startTestPool(options);
  configureAmplify(pool);
  return pool;
}

/** Signs Amplify out (when it is signed in) and stops the pool. */
export async function stopAmplifyPool(pool: TestPool): Promise<void> {
  await signOut().catch(() => undefined);
  await pool.stop();
}
