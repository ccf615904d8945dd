import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from './notes-stack.ts';
import { writeSite } from './testing/synth.ts';

const run = promisify(execFile);

/** The environment of a machine with no AWS account: no credentials, no metadata service, no telemetry. */
function offlineEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value;
  }
  return {
    ...env,
    PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

let workDir: string;
let siteDir: string;

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'notes-cdk-synth-'));
  siteDir = join(workDir, 'site');
  writeSite(siteDir);
});

after(() => rmSync(workDir, { recursive: true, force: true }));

describe('cdk synth', () => {
  it('synthesizes the app through the CDK CLI offline, without AWS credentials, passing CloudFormation validation strictly', async () => {
    const outdir = join(workDir, 'cdk.out');
    const cli = join(repoRoot, 'node_modules', '.bin', 'cdk');
    await run(
      cli,
      [
        'synth',
        '--quiet',
        '--no-notices',
        '--output',
        outdir,
        '--context',
        `siteDir=${siteDir}`,
        // Warnings from CloudFormation's schema validation fail the synth, not just errors.
        '--context',
        '@aws-cdk/core:strictCfnValidateErrors=true',
      ],
      { cwd: repoRoot, env: offlineEnvironment(), timeout: 120_000 },
    );

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
    };
    const stacks = Object.entries(manifest.artifacts).filter(
      ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
    );
    assert.deepEqual(
      stacks.map(([name]) => name),
      ['CognitoNotes'],
    );
    const template = JSON.parse(
      readFileSync(join(outdir, stacks[0]![1].properties!.templateFile!), 'utf8'),
    ) as { Resources: Record<string, unknown>; Outputs: Record<string, unknown> };
    assert.ok(Object.keys(template.Resources).length > 50);
    for (const output of [
      'SiteUrl',
      'ApiBaseUrl',
      'IntegrationsApiUrl',
      'UserPoolId',
      'SpaClientId',
      'MachineClientId',
      'TokenEndpoint',
    ]) {
      assert.ok(output in template.Outputs, `output ${output}`);
    }
  });

  it('synthesizes the production profile offline: deletion protection on, data retained, cdk-nag clean', async () => {
    const outdir = join(workDir, 'cdk.out.production');
    await run(
      join(repoRoot, 'node_modules', '.bin', 'cdk'),
      [
        'synth',
        '--quiet',
        '--no-notices',
        '--output',
        outdir,
        '--context',
        `siteDir=${siteDir}`,
        '--context',
        'profile=production',
      ],
      { cwd: repoRoot, env: offlineEnvironment(), timeout: 120_000 },
    );
    const template = JSON.parse(
      readFileSync(join(outdir, 'CognitoNotes.template.json'), 'utf8'),
    ) as {
      Resources: Record<
        string,
        { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> }
      >;
    };
    const ofType = (type: string) =>
      Object.values(template.Resources).filter((resource) => resource.Type === type);
    const [pool] = ofType('AWS::Cognito::UserPool');
    const [table] = ofType('AWS::DynamoDB::Table');
    assert.equal(pool!.Properties['DeletionProtection'], 'ACTIVE');
    assert.equal(pool!.DeletionPolicy, 'Retain');
    assert.equal(table!.Properties['DeletionProtectionEnabled'], true);
    assert.equal(table!.DeletionPolicy, 'Retain');
    for (const logGroup of ofType('AWS::Logs::LogGroup')) {
      assert.equal(logGroup.DeletionPolicy, 'Retain');
      assert.equal(logGroup.Properties['RetentionInDays'], 365);
    }
  });

  it('runs as `npm run synth -- -c profile=production` does: the app reads -c itself', async () => {
    const outdir = join(workDir, 'cdk.out.direct');
    await run(
      process.execPath,
      [join(repoRoot, 'infra', 'app.ts'), '-c', `siteDir=${siteDir}`, '-c', 'profile=production'],
      { cwd: repoRoot, env: { ...offlineEnvironment(), CDK_OUTDIR: outdir }, timeout: 120_000 },
    );
    const template = readFileSync(join(outdir, 'CognitoNotes.template.json'), 'utf8');
    assert.match(template, /"DeletionProtection": ?"ACTIVE"/);
  });

  it('stops with one line naming the option when a context option is wrong', async () => {
    const failure = await run(process.execPath, [join(repoRoot, 'infra', 'app.ts')], {
      cwd: repoRoot,
      env: { ...offlineEnvironment(), CDK_CONTEXT_JSON: JSON.stringify({ featurePlan: 'GOLD' }) },
    }).then(
      () => assert.fail('the synth should fail'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failure.code, 1);
    assert.match(failure.stderr, /featurePlan=GOLD: expected one of LITE, ESSENTIALS, PLUS/);
    assert.equal(failure.stderr.trim().split('\n').length, 1);
  });

  it('stops with one line saying to build the SPA first when dist/ has no build', async () => {
    const missing = join(workDir, 'no-build');
    const failure = await run(process.execPath, [join(repoRoot, 'infra', 'app.ts')], {
      cwd: repoRoot,
      env: {
        ...offlineEnvironment(),
        CDK_CONTEXT_JSON: JSON.stringify({ siteDir: missing }),
        CDK_OUTDIR: join(workDir, 'unused.out'),
      },
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    assert.ok(failure, 'exits non-zero');
    assert.equal(failure.code, 1);
    assert.equal(failure.stderr.trim().split('\n').length, 1);
    assert.match(failure.stderr, /run `npm run build` first/);
    assert.equal(existsSync(join(workDir, 'unused.out', 'manifest.json')), false);
  });
});
