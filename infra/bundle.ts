/**
 * Bundles the Lambda handlers of `api/` with esbuild from npm: one esbuild run for every module
 * (so a synth bundles once, not once per function, and no Docker is needed), one self-contained
 * ESM file per module. Functions whose handlers live in the same module share its asset.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export interface BundledModule {
  /** Repository-relative module path, as in `api/routes.ts`. */
  readonly module: string;
  /** Directory holding `index.mjs` (+ source map): the Lambda asset. */
  readonly directory: string;
  /** Repository-relative paths of every source file bundled in (from esbuild's metafile). */
  readonly inputs: readonly string[];
  /** The bundled JavaScript, to see which configuration names the code reads. */
  readonly code: string;
}

/** Lambda loads `index.mjs` as an ES module; handlers are named `index.<export>`. */
export const bundleFileName = 'index.mjs';

/** A directory name for a module: `api/notes/handlers.ts` → `api-notes-handlers`. */
export function bundleName(module: string): string {
  return module.replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9]+/g, '-');
}

/**
 * Bundles every module once into `outdir` (a fresh temp folder by default). Throws esbuild's
 * error (file and line) when a handler does not compile or a module is missing.
 */
export function bundleModules(
  repoRoot: string,
  modules: readonly string[],
  outdir?: string,
): Map<string, BundledModule> {
  const root = resolve(repoRoot);
  const target = outdir ?? mkdtempSync(join(tmpdir(), 'notes-lambda-'));
  const unique = [...new Set(modules)];
  const entryPoints = Object.fromEntries(
    unique.map((module) => [`${bundleName(module)}/index`, join(root, module)]),
  );
  const result = buildSync({
    absWorkingDir: root,
    entryPoints,
    outdir: target,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // Prefer packages' ESM builds; CJS ones still work through the `require` below.
    mainFields: ['module', 'main'],
    // The AWS SDK is bundled rather than taken from the runtime, so Lambda runs the version
    // the lock file pins and the tests ran against.
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    // CJS dependencies call `require` for Node built-ins, which ESM output lacks.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const bundles = new Map<string, BundledModule>();
  for (const module of unique) {
    const directory = join(target, bundleName(module));
    const outputKey = relative(root, join(directory, bundleFileName)).split('\\').join('/');
    const output = result.metafile.outputs[outputKey];
    if (!output)
      throw new Error(`esbuild produced no output for ${module} (expected ${outputKey})`);
    const code = readFileSync(join(directory, bundleFileName), 'utf8');
    bundles.set(module, { module, directory, inputs: Object.keys(output.inputs), code });
  }
  return bundles;
}

/**
 * Whether a bundle's code names an environment variable (`process.env.X`, `env['X']`, …): a
 * function gets only the variables its code reads. Names are ours (NOTES_TABLE, JWT_ISSUER…),
 * distinctive enough that a mention is a read.
 */
export function mentions(module: BundledModule, variable: string): boolean {
  return new RegExp(`\\b${variable}\\b`).test(module.code);
}

/** Whether a bundle contains a package, e.g. `@aws-sdk/client-dynamodb`: decides its IAM grants. */
export function includesPackage(module: BundledModule, packageName: string): boolean {
  const marker = `node_modules/${packageName}/`;
  return module.inputs.some((input) => input.includes(marker));
}
