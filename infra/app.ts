/**
 * CDK app entry: `node infra/app.ts` (or the CDK CLI through cdk.json) synthesizes the Notes
 * stack to cdk.out. Works offline without AWS credentials: the stack is environment-agnostic.
 *
 * Context (`-c key=value`): siteDir (default dist/notes/browser), deletionProtection (true|false,
 * default false), domainPrefix (default notes-<account id>), stackName (default CognitoNotes).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { NotesStack, repoRoot } from './notes-stack.ts';

// Feature flags pinned in cdk.json apply also when run without the CLI (CLI context wins).
const { context: pinned } = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
// The CLI tells the app where to write; run directly, it writes to ./cdk.out.
const app = new App({
  outdir: process.env['CDK_OUTDIR'] ?? join(repoRoot, 'cdk.out'),
  context: pinned,
});

const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null ? undefined : String(value);
};

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
    deletionProtection: context('deletionProtection') === 'true',
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
