/**
 * `npm run bench`: runs every benchmark in this folder, one after another so they do not compete
 * for the two cores, and prints their figures. Benchmarks print numbers; they assert nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benchmarks = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

let failed = 0;
for (const file of benchmarks) {
  console.log(`\n━━ bench/${file}`);
  const result = spawnSync(process.execPath, [`${folder}${file}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${file} exited with ${result.status ?? result.signal}`);
  }
}
if (benchmarks.length === 0) console.log('no benchmarks matched');
process.exit(failed === 0 ? 0 : 1);
