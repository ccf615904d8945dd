/**
 * The local gateway's cost: authorized `GET /notes` at 64 connections through the gateway (Cognito
 * user-pool authorizer verifying an RS256 ID token, the real handler on dynalite), the same route
 * shape with a constant handler (gateway + authorizer only), and a bare `node:http` server sending
 * the same JSON — all in this run, with autocannon and dynalite in their own processes. Then list-page latency for
 * a user with 50 notes and one with 10 000, and the memory of dynalite and the gateway sampled over
 * two batches of 50 000 `GET /notes` (BENCH_RSS_REQUESTS): growth in the first against the 50 MiB
 * target, and whether the second still grows. Prints figures; asserts nothing.
 *
 * Run: `node bench/gateway.ts` (or `npm run bench -- gateway`). BENCH_SECONDS sets each load run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rest, routes } from '../api/routes.ts';
import { seedNotes } from '../api/notes/testing/seed.ts';
import { startGateway } from '../local/gateway/server.ts';
import { localHandlerEnv } from '../local/handler-env.ts';
import { startTestIssuer } from '../api/testing/issuer.ts';
import { setFixedBody } from '../local/gateway/testing/handlers.ts';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const connections = 64;
const root = resolve(import.meta.dirname, '..');

interface Cannon {
  rps: number;
  /** CPU of this process's main thread (where both servers run) per request, in µs. */
  cpuMicros: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** A load run of `seconds`, or of exactly `amount` requests. */
function autocannon(
  url: string,
  headers: Record<string, string>,
  amount?: number,
): Promise<Cannon> {
  const args = [
    join(root, 'node_modules/autocannon/autocannon.js'),
    '-j',
    '-c',
    String(connections),
    ...(amount === undefined ? ['-d', String(seconds)] : ['-a', String(amount)]),
  ];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  const cpuBefore = process.threadCpuUsage();
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', rejectRun);
    child.on('close', () => {
      try {
        const cpu = process.threadCpuUsage(cpuBefore);
        const result = JSON.parse(out) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
        };
        resolveRun({
          rps: result.requests.average,
          cpuMicros: (cpu.user + cpu.system) / Math.max(1, result.requests.total),
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      } catch (error) {
        rejectRun(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

async function sequentialLatency(
  url: string,
  authorization: string,
  count: number,
): Promise<{ p50: number; p99: number; mean: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < count + 20; i += 1) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization } });
    const body = (await res.json()) as { notes?: unknown[] };
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    if (i >= 20) times.push(performance.now() - started); // the first 20 warm up
    items = body.notes?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    p50: at(0.5),
    p99: at(0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    items,
  };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

/** `process.memoryUsage()` after a full garbage collection. */
type Memory = Pick<
  NodeJS.MemoryUsage,
  'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers'
>;

/**
 * dynalite in its own process, as DynamoDB is not inside API Gateway's either. It answers each
 * line on its stdin with its resident set size in bytes.
 */
async function startDynamoDbProcess(
  dataDir: string,
): Promise<{ endpoint: string; memory(): Promise<Memory>; close(): void }> {
  const script = `import { startDynamoDb } from ${JSON.stringify(join(root, 'local/dynamodb.ts'))};
    const db = await startDynamoDb({ dataDir: process.argv[1], port: 0 });
    console.log(db.endpoint);
    process.stdin.on('data', () => {
      globalThis.gc();
      const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
      console.log(JSON.stringify({ rss, heapTotal, heapUsed, external, arrayBuffers }));
    });`;
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', script, dataDir],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const endpoint = await new Promise<string>((resolveEndpoint, rejectEndpoint) => {
    child.stdout.once('data', (chunk: Buffer) => resolveEndpoint(chunk.toString().trim()));
    child.once('exit', (code) => rejectEndpoint(new Error(`dynalite exited with ${code}`)));
  });
  const memory = () =>
    new Promise<Memory>((resolveMemory) => {
      child.stdout.once('data', (chunk: Buffer) =>
        resolveMemory(JSON.parse(chunk.toString()) as Memory),
      );
      child.stdin.write('memory\n');
    });
  return { endpoint, memory, close: () => child.kill() };
}

const dataDir = await mkdtemp(join(tmpdir(), 'bench-gateway-'));
const db = await startDynamoDbProcess(dataDir);
const issuer = await startTestIssuer();
const constantRoute = rest(
  'listNotesConstant',
  'GET',
  '/constant/notes',
  { module: 'local/gateway/testing/handlers.ts', export: 'fixed' },
  { type: 'cognito-user-pool', scopes: [] },
);
const gateway = await startGateway({
  port: 0,
  routes: [...routes, constantRoute],
  issuer: issuer.issuer,
  jwksUri: issuer.jwksUri,
  clientIds: issuer.clientIds,
  allowedOrigins: ['http://localhost:4200'],
  handlerEnv: localHandlerEnv({
    dynamodbEndpoint: db.endpoint,
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    spaClientId: issuer.clientIds.spa,
  }),
});

const small = { sub: '00000000-0000-4000-8000-000000000050', email: 'fifty@example.com' };
const large = { sub: '00000000-0000-4000-8000-000000010000', email: 'tenk@example.com' };
const seedStarted = performance.now();
await seedNotes(
  small.sub,
  Array.from({ length: 50 }, (_, i) => ({
    title: `Note ${i}`,
    content: `Content of note ${i} `.repeat(10),
  })),
);
await seedNotes(
  large.sub,
  Array.from({ length: 10_000 }, (_, i) => ({
    title: `Note ${i}`,
    content: `Content of note ${i} `.repeat(10),
  })),
);
const seedSeconds = (performance.now() - seedStarted) / 1000;

const smallToken = await issuer.idToken({ ...small, 'cognito:username': small.sub });
const largeToken = await issuer.idToken({ ...large, 'cognito:username': large.sub });
const listUrl = `${gateway.url}/notes`;
const sample = await fetch(listUrl, { headers: { authorization: smallToken } });
const sampleBody = await sample.text();
const sampleType = sample.headers.get('content-type') ?? 'application/json';
setFixedBody(sampleBody);

const bare = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': sampleType,
    'content-length': Buffer.byteLength(sampleBody),
  });
  res.end(sampleBody);
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/notes`;

console.log(
  `seeded 50 + 10 000 notes in ${seedSeconds.toFixed(1)} s; response ${Buffer.byteLength(sampleBody)} bytes (20 notes); ${connections} connections, ${seconds} s each`,
);
const bareRun = await autocannon(bareUrl, {});
const constantRun = await autocannon(`${gateway.url}/constant/notes`, {
  authorization: smallToken,
});
const gatewayRun = await autocannon(listUrl, { authorization: smallToken });

console.log(
  '\nGET /notes at 64 connections          req/s   p50 ms   p99 ms   non-2xx  errors  CPU µs/req',
);
const row = (label: string, r: Cannon) =>
  console.log(
    `${label.padEnd(34)}${fmt(r.rps, 0)}${fmt(r.p50)}${fmt(r.p99)}${String(r.non2xx).padStart(10)}${String(r.errors).padStart(8)}${fmt(r.cpuMicros, 1).padStart(12)}`,
  );
row('bare node:http, same JSON', bareRun);
row('gateway + authorizer, constant', constantRun);
row('gateway + authorizer + dynalite', gatewayRun);
console.log(
  `ratio gateway+authorizer / bare:          ${(constantRun.rps / bareRun.rps).toFixed(3)}`,
);
console.log(
  `ratio full GET /notes / bare:             ${(gatewayRun.rps / bareRun.rps).toFixed(3)}`,
);
// Throughput ratios move with whatever else the machine runs; CPU per request much less.
console.log(
  `CPU per request, bare / gateway+authorizer: ${(bareRun.cpuMicros / constantRun.cpuMicros).toFixed(3)}`,
);

const pageOfSmall = await sequentialLatency(`${listUrl}?limit=20`, smallToken, 200);
const pageOfLarge = await sequentialLatency(`${listUrl}?limit=20`, largeToken, 200);
console.log('\nlist page (limit 20), sequential     p50 ms   p99 ms  mean ms  notes');
console.log(
  `user with     50 notes              ${fmt(pageOfSmall.p50, 2)}${fmt(pageOfSmall.p99, 2)}${fmt(pageOfSmall.mean, 2)}${String(pageOfSmall.items).padStart(7)}`,
);
console.log(
  `user with 10 000 notes              ${fmt(pageOfLarge.p50, 2)}${fmt(pageOfLarge.p99, 2)}${fmt(pageOfLarge.mean, 2)}${String(pageOfLarge.items).padStart(7)}`,
);

// Memory under load. dynalite 4.0.0 kept one LevelDB iterator per Query, and classic-level kept
// a 64 KB native read buffer per iterator until V8 collected it (both patched in patches/): the
// cloud grew by about 1 GiB in 70 s of GET /notes, then by ≈ 97 MiB per 50 000. Target: under
// 50 MiB over 50 000. Two batches of that size: what a warm-up costs (V8's young generation and
// the allocator growing to their working size) shows in the first; a leak keeps growing in the
// second. Each figure is taken after a full garbage collection.
const mib = (bytes: number, width = 8) => (bytes / 1024 / 1024).toFixed(1).padStart(width);
const queries = Number(process.env['BENCH_RSS_REQUESTS'] ?? 50_000);
const sampleEvery = Math.max(1, Math.round(queries / 5));
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const gatewayMemory = (): Memory => {
  collectGarbage();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers };
};
const cloudMemory = async () => ({ dynamodb: await db.memory(), gateway: gatewayMemory() });
await autocannon(listUrl, { authorization: smallToken }, 5_000);
console.log(
  `\nmemory over 2 × ${queries} GET /notes after a 5 000 warm-up, MiB after a full GC (rss / heapTotal / heapUsed / external)`,
);
console.log(`${'requests'.padStart(9)}  ${'dynamodb (dynalite)'.padEnd(35)}  gateway + handlers`);
const fourFigures = (m: Memory) =>
  `${mib(m.rss, 7)} ${mib(m.heapTotal, 7)} ${mib(m.heapUsed, 6)} ${mib(m.external, 6)}`;
const samples: { requests: number; memory: Awaited<ReturnType<typeof cloudMemory>> }[] = [];
let failedRequests = 0;
for (let done = 0; done <= 2 * queries; done += sampleEvery) {
  if (done > 0) {
    const run = await autocannon(listUrl, { authorization: smallToken }, sampleEvery);
    failedRequests += run.non2xx + run.errors;
  }
  const memory = await cloudMemory();
  samples.push({ requests: done, memory });
  console.log(
    `${String(done).padStart(9)}  ${fourFigures(memory.dynamodb)}  ${fourFigures(memory.gateway)}`,
  );
}
const cloudRss = (at: number) => {
  const sample = samples.find((s) => s.requests >= at)!;
  return sample.memory.dynamodb.rss + sample.memory.gateway.rss;
};
const firstGrowth = cloudRss(queries) - cloudRss(0);
const secondGrowth = cloudRss(2 * queries) - cloudRss(queries);
// Each process's RSS moves by ±10 MiB between samples as the allocator returns and takes memory,
// so a leak is judged on peaks: the second batch peaking above the first's is growth that stays.
const peakOf = (inSecond: boolean) => {
  const batch = samples.filter((s) => s.requests > queries === inSecond);
  return (
    Math.max(...batch.map((s) => s.memory.dynamodb.rss)) +
    Math.max(...batch.map((s) => s.memory.gateway.rss))
  );
};
const peakGrowth = peakOf(true) - peakOf(false);
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mib(bytes).trim()}`;
console.log(
  `the cloud (both), RSS: ${mib(cloudRss(0)).trim()} MiB after the warm-up, growth ${signedMib(firstGrowth)} MiB over the first ${queries} and ${signedMib(secondGrowth)} MiB over the second (${failedRequests} failed requests)`,
);
console.log(
  `target < 50 MiB over ${queries}: ${firstGrowth < 50 * 1024 * 1024 ? 'met' : 'NOT met'}; ` +
    (peakGrowth < 5 * 1024 * 1024
      ? `plateau: the second ${queries} peaked ${signedMib(peakGrowth)} MiB against the first's peak (under +5 MiB), at ${mib(peakOf(true)).trim()} MiB`
      : `still growing: the second ${queries} peaked ${signedMib(peakGrowth)} MiB against the first's peak`),
);

bare.close();
bare.closeAllConnections();
await gateway.close();
await issuer.close();
db.close();
await rm(dataDir, { recursive: true, force: true });
