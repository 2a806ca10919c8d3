/**
 * Load bench of the HTTP API on loopback with autocannon, against `sgvqa serve` in a child process (the
 * server is alone in its process, so its RSS and event-loop figures are its own). Bounded request counts,
 * never a duration. For each workload:
 * - 1 client and 16 concurrent clients: p50 / p99 latency (sub-millisecond, from every 2xx response),
 *   answers/s, non-2xx count, and the server's event-loop delay (p50 / p99 / max over the run);
 * - 10,000 requests at 16 clients: the server's RSS sampled every 200 ms (max, final) and its peak (VmHWM);
 * - for every run, the server's CPU time per request (all its threads, from /proc) and the load average:
 *   on a shared machine latency and throughput depend on the other jobs, CPU per request much less.
 * The server is restarted for each run so that its event-loop and RSS figures cover that run only.
 *
 * Workloads: `image` = multipart 256x256 PNG + question to POST /answer (scene-graph generator + VQA
 * model; skipped with a note while they are not loaded), `scene-graph` = multipart 256x256 PNG to POST
 * /scene-graph (the generator alone), `sample` = JSON {sampleId, questionId} answered by the symbolic
 * executor on the annotated graph (no models). Targets (DESIGN §7, image workload): p50 <= 15 ms at
 * 1 client, >= 100 answers/s at 16 clients, RSS < 400 MB.
 *
 *   node bin/run-ts.js bench/api.ts [--workload image|scene-graph|sample|all] [--sgg FILE] [--vqa FILE] [--workers N] [--quick] [--json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | string;
}
interface AutocannonResult {
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (options: { url: string; connections: number; amount: number; requests: AutocannonRequest[]; timeout: number; pipelining: 1 }) => AutocannonInstance;
const autocannon = require('autocannon') as Autocannon;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const workloadArg = option('--workload') ?? 'all';
const WORKLOADS = ['image', 'scene-graph', 'sample'] as const;
type Workload = (typeof WORKLOADS)[number];
if (workloadArg !== 'all' && !(WORKLOADS as readonly string[]).includes(workloadArg)) throw new Error('bench/api: --workload must be image, scene-graph, sample or all');
const modelArgs = ['--sgg', '--vqa', '--workers'].flatMap((name) => {
  const value = option(name);
  return value === undefined ? [] : [name, name === '--workers' ? value : resolve(value)];
});

const COUNTS = quick ? { warmup: 50, one: 200, sixteen: 800, rss: 2_000 } : { warmup: 200, one: 1_000, sixteen: 4_000, rss: 10_000 };

interface Served {
  child: ChildProcess;
  url: string;
}

async function startServer(): Promise<Served> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), 'serve', '--port', '0', ...modelArgs], {
    env: { ...process.env, LOG_LEVEL: 'info', SGVQA_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveServer, reject) => {
    let buffer = '';
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      // Keep draining the request log (one line per request) so the server never blocks on stdout.
      if (ready) return;
      buffer += chunk.toString();
      const match = buffer.match(/listening on (http:\/\/[^"\s]+)/);
      if (match) {
        ready = true;
        resolveServer({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`bench/api: sgvqa serve exited with ${code} before it was ready`));
    });
  });
}

async function stopServer(served: Served): Promise<void> {
  const exited = new Promise((done) => served.child.once('exit', done));
  served.child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) the process has used, in milliseconds (Linux clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3, utime and stime are fields 14 and 15 (1-based in proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssBytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function multipart(fields: Record<string, string>, file: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----sgvqa-bench-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="image.png"\r\nContent-Type: image/png\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const questions = JSON.parse(readFileSync(join(repoRoot, 'samples/world/questions.json'), 'utf8')) as Record<string, { imageId: string; question: string }>;

function requestsFor(workload: Workload): AutocannonRequest[] {
  // Eight different images / questions, cycled by every connection.
  const ids = Object.keys(questions).filter((id) => id.endsWith('-q1')).slice(0, 8);
  return ids.map((id) => {
    const q = questions[id]!;
    if (workload === 'sample') {
      return { method: 'POST', path: '/api/v1/answer', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sampleId: q.imageId, questionId: id }) };
    }
    const png = readFileSync(join(repoRoot, 'samples/world/images', `${q.imageId}.png`));
    const { body, contentType } = multipart(workload === 'image' ? { question: q.question } : {}, png);
    return { method: 'POST', path: workload === 'image' ? '/api/v1/answer' : '/api/v1/scene-graph', headers: { 'content-type': contentType }, body };
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface RunFigures {
  workload: string;
  clients: number;
  requests: number;
  ok: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  answersPerSecond: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Server CPU time (all its threads) per 2xx response: what a request costs, whatever else runs on the machine. */
  serverCpuMsPerRequest: number;
  /** 1-minute load average at the end of the run (the machine is shared; figures above it are noisy). */
  loadAverage: number;
  rssMaxMB?: number;
  rssFinalMB?: number;
  rssPeakMB?: number;
}

async function run(workload: Workload, clients: number, amount: number, sampleRss: boolean): Promise<RunFigures> {
  const served = await startServer();
  try {
    const requests = requestsFor(workload);
    await autocannon({ url: served.url, connections: Math.min(clients, 4), amount: COUNTS.warmup, requests, timeout: 30, pipelining: 1 });
    const latencies: number[] = [];
    let rssMax = 0;
    const pid = served.child.pid!;
    const sampler = sampleRss ? setInterval(() => (rssMax = Math.max(rssMax, rssBytes(pid).rss)), 200) : undefined;
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    const instance = autocannon({ url: served.url, connections: clients, amount, requests, timeout: 30, pipelining: 1 });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    const result = await instance;
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuMs(pid);
    if (sampler) clearInterval(sampler);
    const health = (await (await fetch(`${served.url}/api/v1/health`)).json()) as { eventLoopDelayMs: RunFigures['eventLoopDelayMs'] };
    const sorted = Float64Array.from(latencies).sort();
    const figures: RunFigures = {
      workload,
      clients,
      requests: amount,
      ok: latencies.length,
      non2xx: result.non2xx + result.errors + result.timeouts,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      answersPerSecond: latencies.length / seconds,
      eventLoopDelayMs: health.eventLoopDelayMs,
      serverCpuMsPerRequest: (cpuAfter - cpuBefore) / Math.max(1, latencies.length),
      loadAverage: loadavg()[0]!,
    };
    if (result.non2xx > 0) console.error(`bench/api: ${workload} x${clients}: status codes ${JSON.stringify(result.statusCodeStats)}`);
    if (sampleRss) {
      const { rss, peak } = rssBytes(pid);
      figures.rssMaxMB = Math.max(rssMax, rss) / 2 ** 20;
      figures.rssFinalMB = rss / 2 ** 20;
      figures.rssPeakMB = peak / 2 ** 20;
    }
    return figures;
  } finally {
    await stopServer(served);
  }
}

async function modelsLoaded(needed: string[]): Promise<{ loaded: boolean; reason: string }> {
  const served = await startServer();
  try {
    const model = (await (await fetch(`${served.url}/api/v1/model`)).json()) as Record<string, { available: boolean; reason?: string }>;
    const missing = needed.filter((name) => !model[name]?.available);
    return { loaded: missing.length === 0, reason: missing.map((name) => `${name}: ${model[name]?.reason}`).join('; ') };
  } finally {
    await stopServer(served);
  }
}

const fixed = (value: number | undefined, digits = 1): string => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));

const workloads: readonly Workload[] = workloadArg === 'all' ? WORKLOADS : [workloadArg as Workload];
const NEEDS: Record<Workload, string[]> = { image: ['sceneGraphGenerator', 'vqa'], 'scene-graph': ['sceneGraphGenerator'], sample: [] };
const all: RunFigures[] = [];
const notes: string[] = [];
for (const workload of workloads) {
  if (NEEDS[workload].length > 0) {
    const { loaded, reason } = await modelsLoaded(NEEDS[workload]);
    if (!loaded) {
      notes.push(`${workload} workload skipped: the models are not loaded (${reason})`);
      continue;
    }
  }
  all.push(await run(workload, 1, COUNTS.one, false));
  all.push(await run(workload, 16, COUNTS.sixteen, false));
  all.push(await run(workload, 16, COUNTS.rss, true));
}

if (asJson) {
  process.stdout.write(`${JSON.stringify({ counts: COUNTS, runs: all, notes }, null, 2)}\n`);
} else {
  const header = ['workload', 'clients', 'requests', '2xx', 'other', 'p50 ms', 'p99 ms', 'answers/s', 'server CPU ms/req', 'loop p50/p99/max ms', 'RSS max/final/peak MB', 'load'];
  const rows = all.map((r) => [
    r.workload, String(r.clients), String(r.requests), String(r.ok), String(r.non2xx), fixed(r.p50Ms, 2), fixed(r.p99Ms, 2), fixed(r.answersPerSecond, 0),
    fixed(r.serverCpuMsPerRequest, 2),
    `${fixed(r.eventLoopDelayMs.p50, 2)}/${fixed(r.eventLoopDelayMs.p99, 2)}/${fixed(r.eventLoopDelayMs.max, 2)}`,
    r.rssMaxMB === undefined ? '-' : `${fixed(r.rssMaxMB, 0)}/${fixed(r.rssFinalMB, 0)}/${fixed(r.rssPeakMB, 0)}`,
    fixed(r.loadAverage, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(note);
  console.log('targets (image workload, 2 cores): p50 <= 15 ms at 1 client; >= 100 answers/s at 16; RSS < 400 MB over 10,000 requests');
}
