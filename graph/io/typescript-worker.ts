/**
 * Worker threads whose entry is a TypeScript module. The sources run through tsx, and a worker does not
 * inherit the parent's loader, so each worker starts from a one-line script that registers tsx and then
 * imports its entry.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
}

/** A worker running the TypeScript module at `entry` (e.g. `new URL('./x-worker.ts', import.meta.url)`). */
export function typescriptWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const source = `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(source, { ...options, eval: true });
}
