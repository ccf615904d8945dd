import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { apiCors } from '../api/cors.ts';
import { notesTable } from '../api/notes/table.ts';
import { userPool as declaredPool } from '../api/pool.ts';
import { routes, type Route } from '../api/routes.ts';
import { idTokenClaims, restEvent } from '../api/testing/events.ts';
import { startDynamoDb } from '../local/dynamodb.ts';
import { defaultThrottle, restStageName } from './api.ts';
import { bundleFileName } from './bundle.ts';
import { cursorKeyRotation, repoRoot } from './notes-stack.ts';
import {
  propertiesOf,
  referencedIds,
  render,
  resourcesOf,
  synthesizeNotesStack,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

let synth: Synthesized;
let methods: Record<string, Json>;
let functions: Record<string, Json>;
/** REST resource logical id → full path (`/notes/{noteId}`). */
let paths: Map<string, string>;

const restRoutes = routes.filter((route) => route.api === 'rest');
const httpRoutes = routes.filter((route) => route.api === 'http');

function single<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

function restPaths(): Map<string, string> {
  const resources = resourcesOf(synth.template, 'AWS::ApiGateway::Resource');
  const result = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = result.get(id);
    if (known) return known;
    const props = propertiesOf(resources[id]!);
    const parent = props['ParentId'] as Json;
    const parentPath = 'Fn::GetAtt' in parent ? '' : pathOf(parent['Ref'] as string);
    const path = `${parentPath}/${String(props['PathPart'])}`;
    result.set(id, path);
    return path;
  };
  for (const id of Object.keys(resources)) pathOf(id);
  return result;
}

function restMethod(route: Route): Json {
  const found = Object.values(methods).filter((method) => {
    const props = propertiesOf(method);
    const resource = props['ResourceId'] as Json;
    const path = 'Fn::GetAtt' in resource ? '/' : paths.get(resource['Ref'] as string);
    return props['HttpMethod'] === route.method && path === route.path;
  });
  return propertiesOf(single(found, `REST method ${route.method} ${route.path}`));
}

/** The one function of ours a value (integration URI, authorizer URI) points at. */
function functionReferencedBy(value: unknown): Json {
  const ids = [...referencedIds(value)].filter((id) => id in functions);
  return propertiesOf(functions[single(ids, 'function reference')]!);
}

function assertRunsHandler(fn: Json, handler: Route['handler']): void {
  assert.equal(fn['Handler'], `index.${handler.export}`);
  assert.equal(fn['Description'], `${handler.module}#${handler.export}`);
}

function authorizerOf(id: unknown, type: string): Json {
  const ref = (id as Json)['Ref'] as string;
  const authorizer = resourcesOf(synth.template, type)[ref];
  assert.ok(authorizer, `authorizer ${ref} of type ${type} exists`);
  return propertiesOf(authorizer);
}

function clientLogicalId(name: string): string {
  const declared = (declaredPool.clients as Record<string, { name: string }>)[name];
  assert.ok(declared, `audience ${name} is a client of api/pool.ts`);
  const clients = resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient');
  return single(
    Object.keys(clients).filter((id) => propertiesOf(clients[id]!)['ClientName'] === declared.name),
    `client ${declared.name}`,
  );
}

function assertIsLogGroup(arn: unknown): void {
  const groups = Object.keys(resourcesOf(synth.template, 'AWS::Logs::LogGroup'));
  const target = single(
    [...referencedIds(arn)].filter((id) => groups.includes(id)),
    'log group',
  );
  assert.equal(
    resourcesOf(synth.template, 'AWS::Logs::LogGroup')[target]!['Type'],
    'AWS::Logs::LogGroup',
  );
}

/** Our functions (route handlers and authorizers), not the CDK's own custom-resource functions. */
function routeFunctions(): [string, Json][] {
  const rotation = `${cursorKeyRotation.module}#${cursorKeyRotation.export}`;
  return Object.entries(functions).filter(([, fn]) => {
    const description = String(propertiesOf(fn)['Description'] ?? '');
    // Cognito triggers are functions of the pool, not of a route (see triggers.test.ts).
    return (
      description.startsWith('api/') &&
      description !== rotation &&
      !description.startsWith('api/triggers/')
    );
  });
}

before(() => {
  synth = synthesizeNotesStack();
  methods = resourcesOf(synth.template, 'AWS::ApiGateway::Method');
  functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
  paths = restPaths();
});

after(() => synth.dispose());

describe('REST API generated from api/routes.ts', () => {
  for (const route of restRoutes) {
    it(`${route.name}: ${route.method} ${route.path} has exactly its ${route.authorizer.type} authorizer and a payload ${route.payloadVersion} proxy to its handler`, () => {
      const method = restMethod(route);
      const integration = method['Integration'] as Json;
      // A REST API Lambda proxy integration (AWS_PROXY) is payload format 1.0.
      assert.equal(route.payloadVersion, '1.0');
      assert.equal(integration['Type'], 'AWS_PROXY');
      assert.equal(integration['IntegrationHttpMethod'], 'POST');
      assertRunsHandler(functionReferencedBy(integration['Uri']), route.handler);

      const authorizer = route.authorizer;
      switch (authorizer.type) {
        case 'none':
          assert.equal(method['AuthorizationType'], 'NONE');
          assert.equal(method['AuthorizerId'], undefined);
          break;
        case 'cognito-user-pool': {
          assert.equal(method['AuthorizationType'], 'COGNITO_USER_POOLS');
          const cognito = authorizerOf(method['AuthorizerId'], 'AWS::ApiGateway::Authorizer');
          assert.equal(cognito['Type'], 'COGNITO_USER_POOLS');
          assert.equal(cognito['IdentitySource'], 'method.request.header.Authorization');
          const pools = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'));
          assert.deepEqual([...referencedIds(cognito['ProviderARNs'])], pools);
          // No scopes: API Gateway takes an ID token. Scopes: an access token holding one.
          assert.deepEqual(method['AuthorizationScopes'] ?? [], [...authorizer.scopes]);
          break;
        }
        case 'lambda-token': {
          assert.equal(method['AuthorizationType'], 'CUSTOM');
          const token = authorizerOf(method['AuthorizerId'], 'AWS::ApiGateway::Authorizer');
          assert.equal(token['Type'], 'TOKEN');
          assert.equal(token['IdentitySource'], 'method.request.header.Authorization');
          assert.equal(token['AuthorizerResultTtlInSeconds'], authorizer.resultTtlSeconds);
          assertRunsHandler(functionReferencedBy(token['AuthorizerUri']), authorizer.function);
          assert.equal(method['AuthorizationScopes'], undefined);
          break;
        }
        case 'jwt':
          assert.fail('a JWT authorizer cannot protect a REST route');
      }
    });
  }

  it('has no method besides the declared routes and their CORS preflights', () => {
    const declared = new Set(restRoutes.map((route) => `${route.method} ${route.path}`));
    for (const method of Object.values(methods)) {
      const props = propertiesOf(method);
      const resource = props['ResourceId'] as Json;
      const path = 'Fn::GetAtt' in resource ? '/' : paths.get(resource['Ref'] as string)!;
      if (props['HttpMethod'] === 'OPTIONS') {
        assert.equal(
          (props['Integration'] as Json)['Type'],
          'MOCK',
          `OPTIONS ${path} is a preflight answered by API Gateway`,
        );
        continue;
      }
      assert.ok(
        declared.has(`${String(props['HttpMethod'])} ${path}`),
        `${String(props['HttpMethod'])} ${path} is declared in api/routes.ts`,
      );
    }
  });

  it('leaves no route without an authorizer unless api/routes.ts marks it public', () => {
    for (const route of restRoutes) {
      const open = restMethod(route)['AuthorizationType'] === 'NONE';
      assert.equal(
        open,
        route.authorizer.type === 'none',
        `${route.name} is open only if declared 'none'`,
      );
    }
  });

  it('answers CORS preflights and its own 4XX/5XX responses for the site origin only', () => {
    const siteOrigin = `'https://\${SiteDistribution`;
    for (const method of Object.values(methods)) {
      const props = propertiesOf(method);
      if (props['HttpMethod'] !== 'OPTIONS') continue;
      const responses = (props['Integration'] as Json)['IntegrationResponses'] as Json[];
      const origin = render(
        (responses[0]!['ResponseParameters'] as Json)[
          'method.response.header.Access-Control-Allow-Origin'
        ],
      );
      assert.ok(origin.startsWith(siteOrigin) && origin.endsWith(".DomainName}'"), origin);
      const headers = String(
        (responses[0]!['ResponseParameters'] as Json)[
          'method.response.header.Access-Control-Allow-Headers'
        ],
      );
      assert.equal(
        headers,
        `'${apiCors.allowHeaders.join(',')}'`,
        'exactly the headers api/cors.ts declares',
      );
    }
    const gatewayResponses = Object.values(
      resourcesOf(synth.template, 'AWS::ApiGateway::GatewayResponse'),
    ).map(propertiesOf);
    assert.deepEqual(gatewayResponses.map((response) => response['ResponseType']).sort(), [
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ]);
    for (const response of gatewayResponses) {
      const origin = render(
        (response['ResponseParameters'] as Json)[
          'gatewayresponse.header.Access-Control-Allow-Origin'
        ],
      );
      assert.ok(origin.startsWith(siteOrigin), origin);
    }
  });

  it(`throttles and access-logs the ${restStageName} stage`, () => {
    const stage = propertiesOf(
      single(Object.values(resourcesOf(synth.template, 'AWS::ApiGateway::Stage')), 'REST stage'),
    );
    assert.equal(stage['StageName'], restStageName);
    const settings = single(stage['MethodSettings'] as Json[], 'method settings');
    assert.equal(settings['ResourcePath'], '/*');
    assert.equal(settings['HttpMethod'], '*');
    assert.equal(settings['ThrottlingRateLimit'], defaultThrottle.rateLimit);
    assert.equal(settings['ThrottlingBurstLimit'], defaultThrottle.burstLimit);
    const logs = stage['AccessLogSetting'] as Json;
    assertIsLogGroup(logs['DestinationArn']);
    assert.match(String(logs['Format']), /\$context\.requestId/);
    assert.doesNotMatch(String(logs['Format']), /Authorization/i, 'tokens are never logged');
  });
});

describe('HTTP API generated from api/routes.ts', () => {
  for (const route of httpRoutes) {
    it(`${route.name}: ${route.method} ${route.path} has exactly its ${route.authorizer.type} authorizer, scopes and payload ${route.payloadVersion}`, () => {
      const found = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route'))
        .map(propertiesOf)
        .filter((props) => props['RouteKey'] === `${route.method} ${route.path}`);
      const apiRoute = single(found, `HTTP route ${route.method} ${route.path}`);
      const integrationId = [...referencedIds(apiRoute['Target'])][0]!;
      const integration = propertiesOf(
        resourcesOf(synth.template, 'AWS::ApiGatewayV2::Integration')[integrationId]!,
      );
      assert.equal(integration['IntegrationType'], 'AWS_PROXY');
      assert.equal(integration['PayloadFormatVersion'], route.payloadVersion);
      assertRunsHandler(functionReferencedBy(integration['IntegrationUri']), route.handler);

      const authorizer = route.authorizer;
      if (authorizer.type === 'none') {
        assert.equal(apiRoute['AuthorizationType'], 'NONE');
        return;
      }
      assert.equal(authorizer.type, 'jwt');
      assert.equal(apiRoute['AuthorizationType'], 'JWT');
      assert.deepEqual(apiRoute['AuthorizationScopes'] ?? [], [...authorizer.scopes]);
      const jwt = authorizerOf(apiRoute['AuthorizerId'], 'AWS::ApiGatewayV2::Authorizer');
      assert.equal(jwt['AuthorizerType'], 'JWT');
      assert.deepEqual(jwt['IdentitySource'], ['$request.header.Authorization']);
      const config = jwt['JwtConfiguration'] as Json;
      const pool = single(
        Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool')),
        'user pool',
      );
      assert.equal(
        render(config['Issuer']),
        `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${pool}}`,
      );
      assert.deepEqual(
        (config['Audience'] as Json[]).map(render),
        authorizer.audience.map((name) => `\${${clientLogicalId(name)}}`),
      );
    });
  }

  it('has no route besides the declared ones, and none open unless marked public', () => {
    const declared = new Map(httpRoutes.map((route) => [`${route.method} ${route.path}`, route]));
    const apiRoutes = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route')).map(
      propertiesOf,
    );
    assert.equal(apiRoutes.length, httpRoutes.length);
    for (const apiRoute of apiRoutes) {
      const route = declared.get(String(apiRoute['RouteKey']));
      assert.ok(route, `${String(apiRoute['RouteKey'])} is declared in api/routes.ts`);
      assert.equal(apiRoute['AuthorizationType'] === 'NONE', route.authorizer.type === 'none');
    }
  });

  it('has no CORS: browsers reach its back office routes only through the site’s origin', () => {
    const api = propertiesOf(
      single(Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Api')), 'HTTP API'),
    );
    assert.equal(api['CorsConfiguration'], undefined);
    assert.ok(httpRoutes.some((route) => route.path.startsWith('/admin/')));
  });

  it('throttles and access-logs its $default stage', () => {
    const stage = propertiesOf(
      single(Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage')), 'HTTP stage'),
    );
    assert.equal(stage['StageName'], '$default');
    assert.equal(stage['AutoDeploy'], true);
    assert.deepEqual(stage['DefaultRouteSettings'], {
      ThrottlingRateLimit: defaultThrottle.rateLimit,
      ThrottlingBurstLimit: defaultThrottle.burstLimit,
    });
    const logs = stage['AccessLogSettings'] as Json;
    assertIsLogGroup(logs['DestinationArn']);
    assert.match(String(logs['Format']), /\$context\.requestId/);
  });
});

describe('Lambda functions for the handlers', () => {
  it('runs every route handler and authorizer on Node.js 24, arm64, with its own log group', () => {
    const ours = routeFunctions();
    const authorizers =
      routes.filter((route) => route.authorizer.type === 'lambda-token').length > 0 ? 1 : 0;
    assert.equal(ours.length, routes.length + authorizers);
    for (const [, fn] of ours) {
      const props = propertiesOf(fn);
      assert.equal(props['Runtime'], 'nodejs24.x');
      assert.deepEqual(props['Architectures'], ['arm64']);
      assert.ok(props['LoggingConfig'], 'logs to its own log group (with retention)');
    }
  });

  it('bundles each handler so that `index.<export>` is an exported function of its asset', async () => {
    const functionsConstruct = synth.stack.node.findChild('Functions') as unknown as {
      bundleOf(module: string): { directory: string };
    };
    const handlers = [
      ...routes.map((route) => route.handler),
      ...routes.flatMap((route) =>
        route.authorizer.type === 'lambda-token' ? [route.authorizer.function] : [],
      ),
    ];
    for (const handler of handlers) {
      const file = join(functionsConstruct.bundleOf(handler.module).directory, bundleFileName);
      const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      assert.equal(
        typeof loaded[handler.export],
        'function',
        `${handler.module} exports ${handler.export}`,
      );
    }
  });

  it('runs the bundled notes handlers as Lambda would: a note created and listed through DynamoDB, CORS header from the stack', async () => {
    const functionsConstruct = synth.stack.node.findChild('Functions') as unknown as {
      bundleOf(module: string): { directory: string };
    };
    const create = single(
      restRoutes.filter((route) => route.method === 'POST' && route.path === '/notes'),
      'create route',
    );
    const list = single(
      restRoutes.filter((route) => route.method === 'GET' && route.path === '/notes'),
      'list route',
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'notes-infra-bundle-'));
    const local = await startDynamoDb({ dataDir, port: 0 });
    writeFileSync(join(dataDir, 'cursor-secret'), 'bundle-test-cursor-key-0123456789', {
      mode: 0o600,
    });
    const saved = { ...process.env };
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: local.endpoint,
      NOTES_TABLE: notesTable.name,
      CORS_ALLOW_ORIGIN: 'https://d111111abcdef8.cloudfront.net',
      CURSOR_SECRET_FILE: join(dataDir, 'cursor-secret'),
      AWS_LAMBDA_FUNCTION_NAME: 'createNote',
      AWS_REGION: 'us-east-1',
    });
    try {
      type Handler = (
        event: unknown,
      ) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
      const load = async (ref: Route['handler']) => {
        const file = join(functionsConstruct.bundleOf(ref.module).directory, bundleFileName);
        return ((await import(pathToFileURL(file).href)) as Record<string, Handler>)[ref.export]!;
      };
      const sub = randomUUID();
      const created = await (
        await load(create.handler)
      )(
        restEvent({
          method: 'POST',
          resource: '/notes',
          body: { content: 'from the bundle' },
          authorizer: idTokenClaims(sub),
        }),
      );
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(
        created.headers['Access-Control-Allow-Origin'],
        'https://d111111abcdef8.cloudfront.net',
      );
      const listed = await (
        await load(list.handler)
      )(restEvent({ method: 'GET', resource: '/notes', authorizer: idTokenClaims(sub) }));
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(
        (JSON.parse(listed.body) as { notes: { content: string }[] }).notes.map(
          (note) => note.content,
        ),
        ['from the bundle'],
      );
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('configures the token authorizer for ID tokens of the SPA client from the deployed pool', () => {
    const authorizerRoute = routes.find((route) => route.authorizer.type === 'lambda-token');
    assert.ok(authorizerRoute && authorizerRoute.authorizer.type === 'lambda-token');
    const ref = authorizerRoute.authorizer.function;
    const fn = single(
      routeFunctions().filter(
        ([, f]) => propertiesOf(f)['Description'] === `${ref.module}#${ref.export}`,
      ),
      'authorizer function',
    );
    const variables = (propertiesOf(fn[1])['Environment'] as { Variables: Json }).Variables;
    const pool = single(
      Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool')),
      'user pool',
    );
    assert.equal(
      render(variables['JWT_ISSUER']),
      `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${pool}}`,
    );
    assert.equal(render(variables['JWT_CLIENT_IDS']), `\${${clientLogicalId('spa')}}`);
    assert.equal(variables['JWT_TOKEN_USE'], 'id');
  });

  it('sets every environment variable the bundled api/ code reads, except those Lambda provides or that are local-only', () => {
    // Why each may be absent on AWS: Lambda sets the AWS_* ones; the others are local-cloud knobs.
    const notOurs = new Set([
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_LAMBDA_FUNCTION_NAME',
      'DYNAMODB_ENDPOINT',
      'JWT_JWKS_URI',
      'CURSOR_SECRET_FILE',
      'COGNITO_ENDPOINT',
    ]);
    const functionsConstruct = synth.stack.node.findChild('Functions') as unknown as {
      bundleOf(module: string): { inputs: readonly string[] };
    };
    for (const [, fn] of routeFunctions()) {
      const props = propertiesOf(fn);
      const module = String(props['Description']).split('#')[0]!;
      const sources = functionsConstruct
        .bundleOf(module)
        .inputs.filter((input) => input.startsWith('api/') || input === 'amplify-config.ts');
      const read = new Set<string>();
      for (const source of sources) {
        for (const match of readFileSync(join(repoRoot, source), 'utf8').matchAll(
          /env(?:\[['"]([A-Z0-9_]+)['"]\]|\.([A-Z][A-Z0-9_]+))/g,
        )) {
          read.add(match[1] ?? match[2]!);
        }
      }
      const variables = Object.keys((props['Environment'] as { Variables: Json }).Variables);
      const secretVariables = new Set(['CURSOR_SECRET_ID']);
      for (const name of read) {
        if (notOurs.has(name)) continue;
        // Given only to the functions that declare the secret (least-privilege.test.ts).
        if (secretVariables.has(name)) continue;
        assert.ok(
          variables.includes(name),
          `${module} reads ${name}: give it a value in infra/notes-stack.ts (environment) or explain here why Lambda needs none`,
        );
      }
    }
  });
});
