/**
 * Test support: synthesizes the Notes stack once per test process (it is the slow part) from
 * the real declarations and handlers, with a small stand-in site instead of an `ng build`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NotesStack, repoRoot } from '../notes-stack.ts';
import { stackOptions } from '../options.ts';

/** An inline script like the one Angular's build puts in index.html. */
export const siteInlineScript =
  "document.querySelectorAll('link[data-beasties-media]').forEach(function(l){l.media='all'})";

export interface Synthesized {
  readonly stack: NotesStack;
  readonly template: Template;
  /** The cloud assembly folder. */
  readonly outdir: string;
  readonly siteDir: string;
  /** Removes the temp folders. */
  readonly dispose: () => void;
}

/** A built-SPA stand-in: index.html with one external and one inline script, plus a hashed asset. */
export function writeSite(dir: string): void {
  mkdirSync(join(dir, 'media'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><title>Notes</title><base href="/"></head><body><app-root></app-root>` +
      `<script src="main-ABCDEFGH.js" type="module"></script><script>${siteInlineScript}</script></body></html>`,
  );
  writeFileSync(join(dir, 'main-ABCDEFGH.js'), 'console.log("notes");\n');
  writeFileSync(
    join(dir, 'media', 'logo-12345678.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  );
}

let synthesized: Synthesized | undefined;

/** The stack as `npm run synth` builds it, synthesized on first call and shared afterwards. */
export function synthesizeNotesStack(): Synthesized {
  synthesized ??= synthesizeWithContext({});
  return synthesized;
}

/**
 * The stack for a CDK context (`{ profile: 'production' }`, `{ waf: 'true' }`…), read by the
 * same `stackOptions` as `infra/app.ts`; a fresh synth each call.
 */
export function synthesizeWithContext(deployContext: Record<string, string>): Synthesized {
  const workDir = mkdtempSync(join(tmpdir(), 'notes-infra-test-'));
  const siteDir = join(workDir, 'site');
  const outdir = join(workDir, 'cdk.out');
  writeSite(siteDir);
  const { context } = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  // CloudFormation schema validation (2-3 s) runs in synth.test.ts, through the CLI, once.
  // Assets stay staged: config.json's source folder is temporary and removed after staging.
  const app = new App({
    outdir,
    context: { ...context, ...deployContext },
    builtinCloudFormationValidation: false,
  });
  const stack = new NotesStack(app, 'NotesTest', {
    siteDir,
    bundleDir: join(workDir, 'bundles'),
    options: stackOptions((name) => deployContext[name]),
  });
  const template = Template.fromStack(stack);
  return {
    stack,
    template,
    outdir,
    siteDir,
    dispose: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

/** A CloudFormation template object (resource, properties), loosely typed. */
export type Json = Record<string, unknown>;

/** The folder of a file asset by the object key a deployment names (`<hash>.zip`), from the asset manifest. */
export function assetDirectory(synth: Synthesized, objectKey: string): string {
  const manifest = JSON.parse(
    readFileSync(join(synth.outdir, `${synth.stack.artifactId}.assets.json`), 'utf8'),
  ) as {
    files: Record<string, { source: { path: string } }>;
  };
  const asset = manifest.files[objectKey.replace(/\.zip$/, '')];
  if (!asset) throw new Error(`no asset ${objectKey} in the assembly`);
  return resolve(synth.outdir, asset.source.path);
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Json> {
  return template.findResources(type) as Record<string, Json>;
}

export function propertiesOf(resource: Json): Json {
  return (resource['Properties'] ?? {}) as Json;
}

/** Logical ids a value refers to through Ref / Fn::GetAtt, anywhere inside it. */
export function referencedIds(value: unknown, ids = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, ids);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') ids.add(inner);
      else if (key === 'Fn::GetAtt')
        ids.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!);
      else referencedIds(inner, ids);
    }
  }
  return ids;
}

/** A CloudFormation string expression as text: `{"Ref": "X"}` → `${X}`, `Fn::GetAtt` → `${X.Attr}`. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const [[key, inner]] = Object.entries(value) as [[string, unknown]];
    if (key === 'Ref') return `\${${String(inner)}}`;
    if (key === 'Fn::GetAtt') return `\${${(inner as string[]).join('.')}}`;
    if (key === 'Fn::Join') {
      const [separator, parts] = inner as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return JSON.stringify(value);
}
