/**
 * The pool's MFA as deployed: the setting declared in api/pool.ts (OPTIONAL, authenticator apps
 * and email codes), with email codes only where the stack can send them (an SES sender and a
 * feature plan above Lite), and the app's config.json naming exactly the factors deployed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseRuntimeConfig, type RuntimeConfig } from '../amplify-config.ts';
import { userPool as declared } from '../api/pool.ts';
import { runtimeConfigFile } from './site.ts';
import {
  propertiesOf,
  resourcesOf,
  synthesizeNotesStack,
  synthesizeWithContext,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

const synths: Synthesized[] = [];
after(() => {
  for (const synth of synths) synth.dispose();
});

function pool(synth: Synthesized): Json {
  const pools = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
  assert.equal(pools.length, 1);
  return propertiesOf(pools[0]!);
}

/** The config.json the site deployment uploads (its MFA list holds no deploy-time tokens). */
function deployedConfig(synth: Synthesized): RuntimeConfig {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === runtimeConfigFile) found.push(path);
    }
  };
  walk(synth.outdir);
  assert.equal(found.length, 1, 'one config.json asset');
  return parseRuntimeConfig(JSON.parse(readFileSync(found[0]!, 'utf8')));
}

describe('MFA on the deployed pool', () => {
  it('without an SES sender: OPTIONAL with authenticator apps only, and the app is told so', () => {
    const synth = synthesizeNotesStack();
    synths.push(synth);
    const props = pool(synth);
    assert.equal(declared.mfa.mode, 'OPTIONAL');
    assert.equal(props['MfaConfiguration'], 'OPTIONAL');
    assert.deepEqual(props['EnabledMfas'], ['SOFTWARE_TOKEN_MFA']);
    assert.equal(props['EmailAuthenticationMessage'], undefined);
    assert.deepEqual(deployedConfig(synth).mfaFactors, ['TOTP']);
  });

  it('with an SES sender on Essentials: email codes too, with the declared message', () => {
    const synth = synthesizeWithContext({ sesFromEmail: 'notes@example.com' });
    synths.push(synth);
    const props = pool(synth);
    assert.equal(props['MfaConfiguration'], 'OPTIONAL');
    assert.deepEqual([...(props['EnabledMfas'] as string[])].sort(), [
      'EMAIL_OTP',
      'SOFTWARE_TOKEN_MFA',
    ]);
    assert.equal(props['UserPoolTier'], 'ESSENTIALS');
    assert.equal(props['EmailAuthenticationSubject'], declared.mfa.emailMessage.subject);
    assert.equal(props['EmailAuthenticationMessage'], declared.mfa.emailMessage.message);
    assert.equal((props['EmailConfiguration'] as Json)['EmailSendingAccount'], 'DEVELOPER');
    assert.deepEqual(deployedConfig(synth).mfaFactors, ['TOTP', 'EMAIL']);
  });

  it('with an SES sender on Lite (no email MFA there): authenticator apps only', () => {
    const synth = synthesizeWithContext({ sesFromEmail: 'notes@example.com', featurePlan: 'LITE' });
    synths.push(synth);
    assert.deepEqual(pool(synth)['EnabledMfas'], ['SOFTWARE_TOKEN_MFA']);
    assert.deepEqual(deployedConfig(synth).mfaFactors, ['TOTP']);
  });
});
