/**
 * Brotli sizes of what the browser downloads (after `npm run build`): the initial bundle (what
 * index.html loads and its static imports) and the whole sign-in page (that plus the lazy sign-in
 * chunk and its static imports). Budgets: 120 kB and 150 kB.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = 'dist/notes/browser';
if (!existsSync(join(root, 'index.html'))) {
  console.log('no build in dist/notes/browser: run `npm run build` first');
  process.exit(0);
}
const read = (file: string) => readFileSync(join(root, file));
const brotli = (file: string) =>
  brotliCompressSync(read(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** A chunk and everything it imports statically (`from"./chunk-….js"`), transitively. */
function withStaticImports(files: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const match of read(file)
      .toString()
      .matchAll(/from\s*"\.\/([\w.-]+\.js)"/g))
      queue.push(match[1]!);
  }
  return seen;
}

const index = read('index.html').toString();
const referenced = [...index.matchAll(/(?:src|href)="([\w.-]+\.(?:js|css))"/g)].map((m) => m[1]!);
const initial = withStaticImports(referenced);
const signInChunk = readdirSync(root).find(
  (file) => file.endsWith('.js') && read(file).includes('app-sign-in'),
);
const signIn = withStaticImports([...initial, ...(signInChunk ? [signInChunk] : [])]);
signIn.add('index.html');

const kB = (files: Set<string>) =>
  ([...files].reduce((sum, file) => sum + brotli(file), 0) / 1000).toFixed(1);
console.log(`initial bundle (Brotli 11)   ${kB(initial)} kB   budget 120 kB`);
console.log(`sign-in page, whole transfer ${kB(signIn)} kB   budget 150 kB`);
