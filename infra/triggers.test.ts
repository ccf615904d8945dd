/** The Cognito triggers of api/pool.ts in the synthesized stack. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userPool as declared } from '../api/pool.ts';
import { triggers, type TriggerName } from '../api/triggers/declaration.ts';
import {
  propertiesOf,
  referencedIds,
  resourcesOf,
  synthesizeNotesStack,
  synthesizeWithContext,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

let synth: Synthesized;
before(() => {
  synth = synthesizeNotesStack();
});
after(() => synth.dispose());

/** Logical id of the function deployed for a trigger (found by its description). */
function triggerFunction(
  name: TriggerName,
  from: Synthesized = synth,
): { id: string; props: Json } {
  const ref = triggers[name];
  const found = Object.entries(resourcesOf(from.template, 'AWS::Lambda::Function')).filter(
    ([, resource]) => propertiesOf(resource)['Description'] === `${ref.module}#${ref.export}`,
  );
  assert.equal(found.length, 1, `one function for ${name}`);
  return { id: found[0]![0], props: propertiesOf(found[0]![1]) };
}

function poolResource(): { id: string; props: Json } {
  const [entry] = Object.entries(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
  return { id: entry![0], props: propertiesOf(entry![1]) };
}

// Each trigger role's exact grants (its `access` in api/triggers/declaration.ts) are checked with
// every other function's in least-privilege.test.ts.
describe('Cognito Lambda triggers deployed from api/triggers/declaration.ts', () => {
  it('attaches each trigger to the pool, pre token generation as version V2_0', () => {
    const config = poolResource().props['LambdaConfig'] as Json;
    const arnOf = (name: TriggerName) => ({ 'Fn::GetAtt': [triggerFunction(name).id, 'Arn'] });
    assert.deepEqual(config['PreSignUp'], arnOf('preSignUp'));
    assert.deepEqual(config['PostConfirmation'], arnOf('postConfirmation'));
    assert.deepEqual(config['CustomMessage'], arnOf('customMessage'));
    assert.deepEqual(config['PreTokenGenerationConfig'], {
      LambdaArn: arnOf('preTokenGeneration'),
      LambdaVersion: 'V2_0',
    });
    assert.equal(config['PreTokenGeneration'], undefined, 'no version 1 trigger');
  });

  it('lets only this user pool invoke the trigger functions', () => {
    const pool = poolResource().id;
    const permissions = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Permission')).map(
      propertiesOf,
    );
    for (const name of Object.keys(triggers) as TriggerName[]) {
      const { id } = triggerFunction(name);
      const mine = permissions.filter((p) => referencedIds(p['FunctionName']).has(id));
      assert.equal(mine.length, 1, `one invoke permission for ${name}`);
      assert.equal(mine[0]!['Principal'], 'cognito-idp.amazonaws.com');
      assert.equal(mine[0]!['Action'], 'lambda:InvokeFunction');
      assert.ok(referencedIds(mine[0]!['SourceArn']).has(pool), `${name}: only from this pool`);
    }
  });

  it('gives each trigger 5 s (Cognito waits no longer), Node.js 24 on arm64, and the allow-list', () => {
    for (const name of Object.keys(triggers) as TriggerName[]) {
      const props = triggerFunction(name).props;
      assert.equal(props['Timeout'], 5, name);
      assert.equal(props['Runtime'], 'nodejs24.x');
      assert.deepEqual(props['Architectures'], ['arm64']);
    }
    const env = (triggerFunction('preSignUp').props['Environment'] as Json)['Variables'] as Json;
    assert.equal(env['ALLOWED_EMAIL_DOMAINS'], declared.allowedEmailDomains.join(','));
  });
});

describe('the sign-up allow-list, set at deploy time (-c allowedEmailDomains)', () => {
  it('reaches the pre sign-up trigger’s environment (normalised), and no other function’s', () => {
    const configured = synthesizeWithContext({ allowedEmailDomains: 'Example.com, example.org' });
    try {
      const preSignUp = triggerFunction('preSignUp', configured).props;
      const env = (preSignUp['Environment'] as Json)['Variables'] as Json;
      assert.equal(env['ALLOWED_EMAIL_DOMAINS'], 'example.com,example.org');
      // Configuration follows the code: only the bundle that reads the variable gets it.
      const others = Object.values(resourcesOf(configured.template, 'AWS::Lambda::Function'))
        .map(propertiesOf)
        .filter((props) => props !== preSignUp && props['Description'] !== preSignUp['Description'])
        .filter(
          (props) =>
            'ALLOWED_EMAIL_DOMAINS' in
            (((props['Environment'] as Json | undefined)?.['Variables'] as Json | undefined) ?? {}),
        );
      assert.deepEqual(
        others.map((props) => props['Description']),
        [],
      );
    } finally {
      configured.dispose();
    }
  });
});
