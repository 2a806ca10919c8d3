/**
 * What the browser tests run on: the page bundled fresh from client/src into a temporary folder (never a
 * stale client/dist), the real API server on loopback port 0 serving it, and Debian's chromium driven by
 * playwright-core with a fresh profile, no network beyond loopback. Screenshots go to
 * test/browser/screenshots/latest/ (ignored by git); with SGVQA_UPDATE_SCREENSHOTS=1 the committed copies
 * of the key ones in client/screenshots/ are refreshed too.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import sharp from 'sharp';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildClient, type BuildResult } from '../../client/build.ts';
import { defaultHttpConfig, startHttpServer, type ModelFiles, type RunningServer } from '../../server/http/index.ts';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
export const CHROMIUM = '/usr/bin/chromium';
/** The committed screenshots of the page's main states (listed in client/README.md). */
export const screenshotDir = join(repoRoot, 'client/screenshots');
const latestDir = join(repoRoot, 'test/browser/screenshots/latest');

/** The flags the project runs chromium with (headless, sandbox off for containers, nothing phoning home). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  server: RunningServer;
  build: BuildResult;
  context: BrowserContext;
  close(): Promise<void>;
}

export const chromiumPresent = existsSync(CHROMIUM);

export async function startHarness(options: { viewport?: { width: number; height: number }; models?: ModelFiles } = {}): Promise<Harness> {
  const work = mkdtempSync(join(tmpdir(), 'sgvqa-browser-'));
  const build = await buildClient({ outDir: join(work, 'dist'), minify: process.env.SGVQA_NO_MINIFY !== '1' });
  const config = { ...defaultHttpConfig(repoRoot), port: 0, host: '127.0.0.1', logLevel: 'silent', clientDir: build.outDir };
  // SGVQA_BROWSER_SGG / SGVQA_BROWSER_VQA run the page against other model files than models/pretrained.
  const fromEnv: ModelFiles = {
    ...(process.env.SGVQA_BROWSER_SGG ? { sgg: resolve(process.env.SGVQA_BROWSER_SGG) } : {}),
    ...(process.env.SGVQA_BROWSER_VQA ? { vqa: resolve(process.env.SGVQA_BROWSER_VQA) } : {}),
  };
  const models = options.models ?? (Object.keys(fromEnv).length ? fromEnv : undefined);
  const server = await startHttpServer(config, { logger: pino({ level: 'silent' }), ...(models ? { models } : {}) });
  // A persistent context is how playwright takes a fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    offline: false,
  });
  // Loopback only: any request elsewhere is refused before it leaves the browser.
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => route.abort());
  return {
    server,
    build,
    context,
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot artifact to test/browser/screenshots/latest/; a `key` one (listed in client/README.md) also
 * refreshes its committed copy when SGVQA_UPDATE_SCREENSHOTS=1.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean; key?: boolean } = {}): Promise<string> {
  mkdirSync(latestDir, { recursive: true });
  const path = join(latestDir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  // The committed copies are palette PNGs: a third of the size, and the UI's flat colours survive it.
  if (options.key && process.env.SGVQA_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(screenshotDir, { recursive: true });
    await sharp(path).png({ palette: true, quality: 90, compressionLevel: 9, effort: 10 }).toFile(join(screenshotDir, `${name}.png`));
  }
  return path;
}

/** Opens the page and waits until it marks itself interactive; returns ms from navigation start. */
export async function openPage(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 15_000 });
  return page.evaluate(() => performance.getEntriesByName('sgvqa:interactive')[0]?.startTime ?? Number.NaN);
}
