import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accessServices, declaredGrantTexts, handlerKey } from '../api/access.ts';
import { declaredHandlers } from '../api/routes.ts';
import { cursorKeyRotation, cursorKeyRotationDays } from './notes-stack.ts';
import {
  propertiesOf,
  referencedIds,
  render,
  resourcesOf,
  synthesizeNotesStack,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

let synth: Synthesized;
before(() => {
  synth = synthesizeNotesStack();
});
after(() => synth.dispose());

/** Every statement of every policy attached to a role (inline policies and attached ones). */
function statementsOf(roleId: string): Statement[] {
  const role = propertiesOf(resourcesOf(synth.template, 'AWS::IAM::Role')[roleId]!);
  const inline = (
    (role['Policies'] ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .map(propertiesOf)
    .filter((policy) => referencedIds(policy['Roles']).has(roleId))
    .flatMap((policy) => (policy['PolicyDocument'] as { Statement: Statement[] }).Statement);
  return [...inline, ...attached];
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const isDeclaredService = (action: string) =>
  accessServices.some((service) => action.startsWith(`${service}:`));

/** Every Lambda function with its role's statements, named by its Description (`module#export`). */
function functions(): { name: string; props: Json; statements: Statement[] }[] {
  return Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function')).map((fn) => {
    const props = propertiesOf(fn);
    const role = single([...referencedIds(props['Role'])]);
    return { name: String(props['Description'] ?? ''), props, statements: statementsOf(role) };
  });
}

/** A statement's resource as a declaration names it: `table`, `index/<name>` or `pool`. */
function grantResource(resource: unknown): string {
  const [table] = Object.keys(resourcesOf(synth.template, 'AWS::DynamoDB::Table'));
  const [pool] = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
  const [cursorSecret] = Object.keys(resourcesOf(synth.template, 'AWS::SecretsManager::Secret'));
  const text = render(resource);
  if (text === `\${${cursorSecret}}`) return 'secret/cursorKey';
  if (text === `\${${table}.Arn}`) return 'table';
  if (text.startsWith(`\${${table}.Arn}/index/`)) return text.slice(`\${${table}.Arn}/`.length);
  if (text === `\${${pool}.Arn}`) return 'pool';
  return `unexpected resource ${text}`;
}

/** `action on resource` for each table or pool action a function's statements allow. */
function grantsOf(statements: Statement[]): string[] {
  const grants: string[] = [];
  for (const statement of statements)
    for (const action of actionsOf(statement).filter(isDeclaredService))
      for (const resource of [statement.Resource].flat())
        grants.push(`${action} on ${grantResource(resource)}`);
  return grants.sort();
}

function single<T>(items: T[]): T {
  assert.equal(items.length, 1, JSON.stringify(items));
  return items[0]!;
}

describe('least privilege: each role allows exactly what api/routes.ts declares for its handler', () => {
  it('has one function per declared handler', () => {
    const names = functions().map((fn) => fn.name);
    for (const ref of declaredHandlers())
      assert.equal(names.filter((name) => name === handlerKey(ref)).length, 1, handlerKey(ref));
  });

  for (const ref of declaredHandlers()) {
    const declared = declaredGrantTexts(ref);
    it(`${handlerKey(ref)} may ${declared.length > 0 ? declared.join(', ') : 'use no table or pool'}, and nothing more`, () => {
      const fn = single(functions().filter((candidate) => candidate.name === handlerKey(ref)));
      for (const statement of fn.statements) assert.equal(statement.Effect, 'Allow');
      assert.deepEqual(grantsOf(fn.statements), declared);
      assert.equal(
        fn.statements.flatMap(actionsOf).filter((action) => /\*/.test(action)).length,
        0,
        'no wildcard action',
      );
    });
  }

  it('writes logs only to its own log group, through its own role (no AWS managed policy)', () => {
    for (const fn of functions().filter((candidate) => candidate.name.startsWith('api/'))) {
      const role = propertiesOf(
        resourcesOf(synth.template, 'AWS::IAM::Role')[
          single([...referencedIds(fn.props['Role'])])
        ]!,
      );
      assert.equal(role['ManagedPolicyArns'], undefined, `${fn.name}: no managed policy`);
      const logGroup = single([...referencedIds((fn.props['LoggingConfig'] as Json)['LogGroup'])]);
      const logStatements = fn.statements.filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('logs:')),
      );
      assert.deepEqual(
        logStatements.flatMap(actionsOf).sort(),
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        fn.name,
      );
      for (const statement of logStatements)
        assert.deepEqual([...referencedIds(statement.Resource)], [logGroup], fn.name);
    }
  });

  it('gives no other function (the CDK’s own, the key rotation) any table or pool action', () => {
    const declaredNames = new Set(declaredHandlers().map(handlerKey));
    for (const fn of functions().filter((candidate) => !declaredNames.has(candidate.name)))
      assert.deepEqual(
        grantsOf(fn.statements).filter((grant) => !grant.startsWith('secretsmanager:')),
        [],
        fn.name,
      );
  });
});

describe('the paging-cursor key: read at run time from Secrets Manager, by the functions that page only', () => {
  const secretId = () =>
    single(Object.keys(resourcesOf(synth.template, 'AWS::SecretsManager::Secret')));

  it("puts no secret in the template or in any function's environment", () => {
    const text = JSON.stringify(synth.template.toJSON());
    assert.doesNotMatch(text, /resolve:secretsmanager/, 'no dynamic reference to a secret value');
    assert.doesNotMatch(text, /"CURSOR_SECRET"/);
    for (const fn of functions()) {
      const variables = ((fn.props['Environment'] as { Variables?: Json } | undefined)?.Variables ??
        {}) as Json;
      for (const [name, value] of Object.entries(variables))
        assert.doesNotMatch(
          JSON.stringify(value),
          /SecretString|secretsmanager/,
          `${fn.name} ${name}`,
        );
    }
  });

  it('tells exactly the functions that declare the key where it is (its ARN, not its value)', () => {
    const declaring = new Set(
      declaredHandlers()
        .filter((ref) => ref.access?.secrets?.includes('cursorKey'))
        .map(handlerKey),
    );
    assert.ok(declaring.size > 0);
    for (const fn of functions().filter((candidate) => candidate.name.startsWith('api/'))) {
      const variables = (fn.props['Environment'] as { Variables: Json }).Variables;
      if (declaring.has(fn.name))
        assert.deepEqual(variables['CURSOR_SECRET_ID'], { Ref: secretId() }, fn.name);
      else assert.equal(variables['CURSOR_SECRET_ID'], undefined, fn.name);
    }
  });

  it('lets only the rotation function change the key', () => {
    for (const fn of functions()) {
      const writes = fn.statements
        .flatMap(actionsOf)
        .filter(
          (action) =>
            action.startsWith('secretsmanager:') && action !== 'secretsmanager:GetSecretValue',
        );
      if (fn.name === handlerKey(cursorKeyRotation))
        assert.ok(writes.includes('secretsmanager:PutSecretValue'));
      else assert.deepEqual(writes, [], fn.name);
    }
  });

  it(`rotates the key every ${cursorKeyRotationDays} days with our rotation function`, () => {
    const schedule = propertiesOf(
      single(Object.values(resourcesOf(synth.template, 'AWS::SecretsManager::RotationSchedule'))),
    );
    assert.deepEqual(schedule['SecretId'], { Ref: secretId() });
    assert.deepEqual(schedule['RotationRules'], {
      ScheduleExpression: `rate(${cursorKeyRotationDays} days)`,
    });
    const rotationFn = single(
      Object.entries(resourcesOf(synth.template, 'AWS::Lambda::Function')).filter(
        ([, fn]) => propertiesOf(fn)['Description'] === handlerKey(cursorKeyRotation),
      ),
    );
    assert.ok(referencedIds(schedule['RotationLambdaARN']).has(rotationFn[0]));
  });
});
