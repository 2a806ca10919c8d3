/**
 * Load-to-interactive of the inspection page on loopback, for the figure in client/README.md:
 * `node bin/run-ts.js test/browser/measure-load.ts [--loads N]`. Bundles the page, starts the API server
 * on port 0 and Debian's chromium with a fresh profile, then loads the page N times with the HTTP cache
 * disabled and prints, per load, when the bundle, the first API answers and the first sample arrived
 * and when the page marked itself interactive (graph drawn, controls live), plus the median. The first
 * load of a fresh browser also pays for chromium's start-up work (GPU process, shader compilation), so
 * it is reported apart.
 */
import { loadavg } from 'node:os';
import { openPage, startHarness } from './browser-harness.ts';

const loadsArg = process.argv.indexOf('--loads');
const loads = loadsArg > 0 ? Number(process.argv[loadsArg + 1]) : 10;
const harness = await startHarness();
try {
  const page = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const rows: { interactive: number; bundle: number; lists: number; sample: number }[] = [];
  for (let i = 0; i <= loads; i++) {
    const interactive = await openPage(page, `${harness.server.url}/?load=${i}`);
    // A string, not a function: tsx's name-keeping helper does not exist inside the page.
    const [bundle, model, samples, sample] = await page.evaluate<number[]>(
      `['/app.js', '/api/v1/model', '/api/v1/samples', '/api/v1/samples/sample-000000'].map((suffix) => Math.max(0, ...performance.getEntriesByType('resource').filter((r) => r.name.endsWith(suffix)).map((r) => r.responseEnd)))`,
    );
    const phases = { bundle: bundle!, lists: Math.max(model!, samples!), sample: sample! };
    rows.push({ interactive, ...phases });
  }
  const fmt = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
  console.log(`inspection page, loopback, cache disabled; bundle ${harness.build.totalBytes} B (${harness.build.totalGzipBytes} B gzip); machine load average ${loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
  console.log('load        app.js   first API   sample  interactive');
  rows.forEach((r, i) => console.log(`${i === 0 ? 'fresh  ' : `#${String(i).padEnd(6)}`}${fmt(r.bundle)}${fmt(r.lists)}${fmt(r.sample)}${fmt(r.interactive)}`));
  const warm = rows.slice(1).map((r) => r.interactive).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  console.log(`interactive: fresh browser ${rows[0]!.interactive.toFixed(0)} ms; then median ${median.toFixed(0)} ms, min ${warm[0]!.toFixed(0)} ms, max ${warm.at(-1)!.toFixed(0)} ms over ${warm.length} loads`);
} finally {
  await harness.close();
}
