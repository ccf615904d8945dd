import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { notesTable } from '../api/notes/table.ts';
import { startDynamoDb } from '../local/dynamodb.ts';
import { userPool as declared, type AppClient } from '../api/pool.ts';
import { Auth, deployedAuthFlows, deployedFirstFactors } from './auth.ts';
import {
  propertiesOf,
  referencedIds,
  resourcesOf,
  synthesizeNotesStack,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

let synth: Synthesized;

before(() => {
  synth = synthesizeNotesStack();
});

after(() => synth.dispose());

function only(type: string): Json {
  const found = Object.values(resourcesOf(synth.template, type));
  assert.equal(found.length, 1, `one ${type}`);
  return propertiesOf(found[0]!);
}

describe('Cognito user pool deployed from api/pool.ts', () => {
  it('signs users in by email, lets them sign up and verifies the address with an emailed code', () => {
    const pool = only('AWS::Cognito::UserPool');
    assert.equal(pool['UserPoolName'], declared.name);
    assert.deepEqual(pool['UsernameAttributes'], ['email']);
    assert.deepEqual(pool['AutoVerifiedAttributes'], ['email']);
    assert.equal(
      (pool['AdminCreateUserConfig'] as Json)['AllowAdminCreateUserOnly'],
      !declared.selfSignUpEnabled,
    );
    assert.equal(
      (pool['VerificationMessageTemplate'] as Json)['DefaultEmailOption'],
      'CONFIRM_WITH_CODE',
    );
    assert.deepEqual(pool['UsernameConfiguration'], { CaseSensitive: false });
  });

  it('enforces exactly the declared password policy', () => {
    const policy = (only('AWS::Cognito::UserPool')['Policies'] as Json)['PasswordPolicy'];
    const expected = declared.passwordPolicy;
    assert.deepEqual(policy, {
      MinimumLength: expected.minimumLength,
      RequireLowercase: expected.requireLowercase,
      RequireUppercase: expected.requireUppercase,
      RequireNumbers: expected.requireNumbers,
      RequireSymbols: expected.requireSymbols,
      TemporaryPasswordValidityDays: expected.temporaryPasswordValidityDays,
    });
  });

  it('has the declared resource server with its scopes', () => {
    const servers = Object.values(
      resourcesOf(synth.template, 'AWS::Cognito::UserPoolResourceServer'),
    ).map(propertiesOf);
    assert.deepEqual(
      servers.map((server) => ({
        identifier: server['Identifier'],
        name: server['Name'],
        scopes: server['Scopes'],
      })),
      declared.resourceServers.map((server) => ({
        identifier: server.identifier,
        name: server.name,
        scopes: server.scopes.map((scope) => ({
          ScopeName: scope.name,
          ScopeDescription: scope.description,
        })),
      })),
    );
  });

  it('creates the declared groups in the pool (admins, with its precedence and description)', () => {
    const groups = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolGroup')).map(
      propertiesOf,
    );
    const poolIds = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
    assert.deepEqual(
      groups.map((group) => ({
        name: group['GroupName'],
        description: group['Description'],
        precedence: group['Precedence'],
      })),
      declared.groups.map((group) => ({
        name: group.name,
        description: group.description,
        precedence: group.precedence,
      })),
    );
    assert.ok(groups.some((group) => group['GroupName'] === 'admins'));
    for (const group of groups) assert.deepEqual(group['UserPoolId'], { Ref: poolIds[0] });
  });

  for (const [key, client] of Object.entries(declared.clients) as [string, AppClient][]) {
    it(`has the ${key} client (${client.name}) with its secret setting, flows, grants, scopes and token lifetimes`, () => {
      const clients = Object.values(
        resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'),
      ).map(propertiesOf);
      const found = clients.filter((props) => props['ClientName'] === client.name);
      assert.equal(found.length, 1);
      const props = found[0]!;
      assert.equal(props['GenerateSecret'], client.generateSecret);
      // ALLOW_REFRESH_TOKEN_AUTH is mandatory on Cognito app clients; nothing else is added.
      assert.deepEqual(props['ExplicitAuthFlows'], deployedAuthFlows(client));
      assert.deepEqual(
        [...(props['ExplicitAuthFlows'] as string[])]
          .filter((flow) => flow !== 'ALLOW_REFRESH_TOKEN_AUTH')
          .sort(),
        client.explicitAuthFlows.filter((flow) => flow !== 'ALLOW_REFRESH_TOKEN_AUTH').toSorted(),
      );
      assert.equal(
        props['PreventUserExistenceErrors'],
        client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      );
      assert.equal(props['EnableTokenRevocation'], client.enableTokenRevocation);
      assert.deepEqual(
        {
          id: props['IdTokenValidity'],
          access: props['AccessTokenValidity'],
          refresh: props['RefreshTokenValidity'],
        },
        {
          id: client.tokenValidity.idToken / 60,
          access: client.tokenValidity.accessToken / 60,
          refresh: client.tokenValidity.refreshToken / 60,
        },
      );
      assert.deepEqual(props['TokenValidityUnits'], {
        IdToken: 'minutes',
        AccessToken: 'minutes',
        RefreshToken: 'minutes',
      });

      assert.deepEqual(props['AllowedOAuthFlows'] ?? [], [...client.oauthGrants]);
      assert.equal(props['AllowedOAuthFlowsUserPoolClient'], client.oauthGrants.length > 0);
      assert.equal(props['CallbackURLs'], undefined, 'no hosted-UI redirects');
      // Scopes render as `<resource server Ref>/<scope>`; the Ref is the server's identifier.
      const servers = resourcesOf(synth.template, 'AWS::Cognito::UserPoolResourceServer');
      const scopes = ((props['AllowedOAuthScopes'] ?? []) as unknown[]).map((scope) => {
        if (typeof scope === 'string') return scope;
        const [prefix, suffix] = ((scope as Json)['Fn::Join'] as [string, unknown[]])[1];
        const server = [...referencedIds(prefix)][0]!;
        return `${String(propertiesOf(servers[server]!)['Identifier'])}${String(suffix)}`;
      });
      assert.deepEqual(scopes.sort(), [...client.oauthScopes].sort());
    });
  }

  it('offers choice-based sign-in on the Essentials plan: passwords and passkeys, no email codes without SES', () => {
    const pool = only('AWS::Cognito::UserPool');
    assert.equal(pool['UserPoolTier'], 'ESSENTIALS');
    assert.deepEqual((pool['Policies'] as Json)['SignInPolicy'], {
      AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
    });
    assert.deepEqual(deployedFirstFactors('ESSENTIALS', false), ['PASSWORD', 'WEB_AUTHN']);
    assert.deepEqual(deployedFirstFactors('LITE', true), ['PASSWORD']);
    assert.equal(pool['WebAuthnUserVerification'], declared.passkeys.userVerification);
    // The relying party is the site's own host: the CloudFront distribution's domain name.
    const rpId = pool['WebAuthnRelyingPartyID'] as Json;
    const [distribution] = Object.keys(
      resourcesOf(synth.template, 'AWS::CloudFront::Distribution'),
    );
    assert.deepEqual(rpId, { 'Fn::GetAtt': [distribution, 'DomainName'] });
    // The SPA client may use USER_AUTH beside SRP and refresh.
    const spa = Object.values(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))
      .map(propertiesOf)
      .find((props) => props['ClientName'] === declared.clients.spa.name)!;
    for (const flow of ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])
      assert.ok((spa['ExplicitAuthFlows'] as string[]).includes(flow), flow);
  });

  it('adds EMAIL_OTP (and sends through SES) when an SES sender is configured', () => {
    const stack = new Stack(new App(), 'WithSes');
    const auth = new Auth(stack, 'Auth', {
      deletionProtection: false,
      domainPrefix: 'notes-ses',
      relyingPartyId: 'notes.example.com',
      sesSender: { fromEmail: 'no-reply@notes.example.com', region: 'eu-west-1' },
    });
    assert.deepEqual(auth.firstFactors, declared.signInPolicy.allowedFirstAuthFactors);
    const pool = propertiesOf(
      Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPool'))[0] as Json,
    );
    assert.deepEqual((pool['Policies'] as Json)['SignInPolicy'], {
      AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
    });
    assert.equal(pool['WebAuthnRelyingPartyID'], 'notes.example.com');
    assert.equal((pool['EmailConfiguration'] as Json)['EmailSendingAccount'], 'DEVELOPER');
    assert.equal((pool['EmailConfiguration'] as Json)['From'], 'no-reply@notes.example.com');
  });

  it('on the Lite plan (no choice-based sign-in) keeps to passwords: no USER_AUTH, no passkeys', () => {
    const stack = new Stack(new App(), 'Lite');
    const auth = new Auth(stack, 'Auth', {
      deletionProtection: false,
      domainPrefix: 'notes-lite',
      relyingPartyId: 'notes.example.com',
      featurePlan: 'LITE',
    });
    assert.deepEqual(auth.firstFactors, ['PASSWORD']);
    const template = Template.fromStack(stack);
    const pool = propertiesOf(
      Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as Json,
    );
    assert.equal((pool['Policies'] as Json)['SignInPolicy'], undefined);
    assert.equal(pool['WebAuthnRelyingPartyID'], undefined);
    const flows = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).flatMap(
      (client) => (propertiesOf(client as Json)['ExplicitAuthFlows'] ?? []) as string[],
    );
    assert.ok(!flows.includes('ALLOW_USER_AUTH'));
  });

  it('has a Cognito domain for the OAuth2 token endpoint', () => {
    const domain = only('AWS::Cognito::UserPoolDomain');
    assert.ok(domain['Domain'], 'a domain prefix');
    assert.ok(referencedIds(domain['UserPoolId']).size === 1);
  });

  it('has deletion protection off by default and on (with RETAIN) when asked', () => {
    assert.equal(only('AWS::Cognito::UserPool')['DeletionProtection'], 'INACTIVE');
    const stack = new Stack(new App(), 'Protected');
    new Auth(stack, 'Auth', {
      deletionProtection: true,
      domainPrefix: 'notes-test',
      relyingPartyId: 'd111111abcdef8.cloudfront.net',
    });
    const protectedPool = Object.values(
      Template.fromStack(stack).findResources('AWS::Cognito::UserPool'),
    )[0] as Json;
    assert.equal(propertiesOf(protectedPool)['DeletionProtection'], 'ACTIVE');
    assert.equal(protectedPool['DeletionPolicy'], 'Retain');
  });
});

describe('DynamoDB table deployed from api/notes/table.ts', () => {
  it('has the key schema the local cloud creates', () => {
    const table = only('AWS::DynamoDB::Table');
    assert.deepEqual(table['KeySchema'], [
      { AttributeName: notesTable.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: notesTable.sortKey.name, KeyType: 'RANGE' },
    ]);
    assert.deepEqual(table['AttributeDefinitions'], [
      { AttributeName: notesTable.partitionKey.name, AttributeType: notesTable.partitionKey.type },
      { AttributeName: notesTable.sortKey.name, AttributeType: notesTable.sortKey.type },
      {
        AttributeName: notesTable.byLastChange.sortKey.name,
        AttributeType: notesTable.byLastChange.sortKey.type,
      },
    ]);
    assert.deepEqual(table['GlobalSecondaryIndexes'], [
      {
        IndexName: notesTable.byLastChange.name,
        KeySchema: [
          { AttributeName: notesTable.byLastChange.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: notesTable.byLastChange.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('has exactly the keys of the table the local cloud really creates (DescribeTable on local DynamoDB)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'notes-infra-dynamodb-'));
    const local = await startDynamoDb({ dataDir, port: 0 });
    const client = new DynamoDBClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
      const deployed = only('AWS::DynamoDB::Table');
      const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
        String(a.AttributeName).localeCompare(String(b.AttributeName));
      assert.deepEqual(Table?.KeySchema, deployed['KeySchema']);
      assert.deepEqual(
        [...(Table?.AttributeDefinitions ?? [])].sort(byName),
        [...(deployed['AttributeDefinitions'] as { AttributeName: string }[])].sort(byName),
      );
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      }));
      assert.deepEqual(indexes, deployed['GlobalSecondaryIndexes']);
      assert.equal(Table?.LocalSecondaryIndexes, deployed['LocalSecondaryIndexes']);
    } finally {
      client.destroy();
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('bills on demand and keeps point-in-time recovery on', () => {
    const table = only('AWS::DynamoDB::Table');
    assert.equal(table['BillingMode'], 'PAY_PER_REQUEST');
    assert.deepEqual(table['PointInTimeRecoverySpecification'], {
      PointInTimeRecoveryEnabled: true,
    });
  });
});

describe('the template as a whole', () => {
  it('has no dependency cycle, so CloudFormation can order its resources', () => {
    const resources = synth.template.toJSON()['Resources'] as Record<string, Json>;
    const dependsOn = new Map<string, string[]>();
    for (const [id, resource] of Object.entries(resources)) {
      const ids = referencedIds(resource['Properties']);
      for (const dependency of [resource['DependsOn'] ?? []].flat() as string[])
        ids.add(dependency);
      dependsOn.set(
        id,
        [...ids].filter((other) => other in resources),
      );
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      assert.notEqual(state.get(id), 'visiting', `cycle: ${[...path, id].join(' → ')}`);
      state.set(id, 'visiting');
      for (const next of dependsOn.get(id)!) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of dependsOn.keys()) visit(id, []);
  });

  it('is environment-agnostic (deploys to whichever account and region the CLI targets)', () => {
    assert.ok(synth.stack.resolve(synth.stack.region).Ref === 'AWS::Region');
    assert.ok(synth.stack.resolve(synth.stack.account).Ref === 'AWS::AccountId');
  });
});
