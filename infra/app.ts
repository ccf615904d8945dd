/**
 * CDK app entry: `node infra/app.ts` (or the CDK CLI through cdk.json) synthesizes the Notes
 * stack to cdk.out. Works offline without AWS credentials: the stack is environment-agnostic.
 *
 * Context (`-c key=value`): siteDir (default dist/notes/browser), domainPrefix (default
 * notes-<account id>), stackName (default CognitoNotes), and the hardening options of
 * `infra/options.ts` (`profile=production`, `featurePlan`, `waf`, …; see infra/README.md).
 * cdk-nag's AwsSolutions and Serverless packs check the result: a finding that is neither
 * fixed nor acknowledged fails the synth.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { NotesStack, repoRoot } from './notes-stack.ts';
import { stackOptions } from './options.ts';

// Feature flags pinned in cdk.json apply also when run without the CLI (CLI context wins).
const { context: pinned } = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
/**
 * Run directly (`npm run synth -- -c profile=production`), the app reads `-c key=value` /
 * `--context key=value` itself, as the CLI would pass them.
 */
function argvContext(argv: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '-c' && argv[i] !== '--context') continue;
    const [key, ...value] = (argv[++i] ?? '').split('=');
    if (key && value.length > 0) context[key] = value.join('=');
  }
  return context;
}

// The CLI tells the app where to write; run directly, it writes to ./cdk.out.
const app = new App({
  outdir: process.env['CDK_OUTDIR'] ?? join(repoRoot, 'cdk.out'),
  context: { ...pinned, ...argvContext(process.argv.slice(2)) },
});

const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null ? undefined : String(value);
};

let options;
try {
  options = stackOptions(context);
} catch (error) {
  console.error(`infra: ${(error as Error).message}`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

const siteDir = resolve(repoRoot, context('siteDir') ?? 'dist/notes/browser');
if (!existsSync(join(siteDir, 'index.html'))) {
  console.error(
    `infra: no SPA build at ${siteDir} (index.html missing): run \`npm run build\` first`,
  );
  process.exit(1);
}

// Lambda bundles live here until synth has copied them into the assembly as assets.
const bundleDir = mkdtempSync(join(tmpdir(), 'notes-lambda-'));
let assembly;
try {
  new NotesStack(app, context('stackName') ?? 'CognitoNotes', {
    description:
      'Notes SPA on Amazon Cognito: user pool, REST + HTTP APIs on Lambda, DynamoDB, S3 + CloudFront',
    siteDir,
    options,
    domainPrefix: context('domainPrefix'),
    bundleDir,
  });
  assembly = app.synth();
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}
if (!process.env['CDK_OUTDIR']) {
  for (const stack of assembly.stacks)
    console.log(
      `infra: synthesized ${stack.stackName} → ${join(assembly.directory, stack.templateFile)}`,
    );
}
