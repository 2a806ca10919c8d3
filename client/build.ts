/**
 * Bundles the inspection page with esbuild: client/src/main.ts (+ styles.css) -> app.js + app.css, and
 * index.html beside them, into client/dist (or `--out DIR`). Runs on `npm install` / `npm ci` (the root
 * `prepare` script) and `npm run build:client`; the browser tests bundle into a temporary folder.
 * esbuild is a dev dependency: where it is absent (an install without dev dependencies) the build says so
 * and exits 0, and the server reports the missing page.
 */
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const clientDir = dirname(fileURLToPath(import.meta.url));
export const defaultOutDir = join(clientDir, 'dist');

export interface BuildOptions {
  outDir?: string;
  /** Default true. */
  minify?: boolean;
  /** Writes app.js.map beside the bundle. Default false. */
  sourcemap?: boolean;
}

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildResult {
  outDir: string;
  files: BuiltFile[];
  /** app.js + app.css + index.html, as served and gzipped. */
  totalBytes: number;
  totalGzipBytes: number;
  ms: number;
}

export async function buildClient(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const outDir = resolve(options.outDir ?? defaultOutDir);
  const { build } = await import('esbuild');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(clientDir, 'src/main.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    minify: options.minify ?? true,
    sourcemap: options.sourcemap ? 'linked' : false,
    legalComments: 'linked',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(join(clientDir, 'src/index.html'), join(outDir, 'index.html'));
  const files: BuiltFile[] = [];
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const bytes = await readFile(join(outDir, name));
    files.push({ name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return {
    outDir,
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    ms: performance.now() - started,
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function isDirectRun(): Promise<boolean> {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return (await stat(script)).ino === (await stat(fileURLToPath(import.meta.url))).ino;
  } catch {
    return false;
  }
}

if (await isDirectRun()) {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  try {
    const result = await buildClient({ ...(outDir ? { outDir } : {}), sourcemap: process.argv.includes('--sourcemap') });
    const lines = result.files.map((f) => `  ${f.name.padEnd(11)} ${kb(f.bytes).padStart(9)}  (gzip ${kb(f.gzipBytes)})`);
    console.log(`client: built ${result.outDir} in ${result.ms.toFixed(0)} ms\n${lines.join('\n')}\n  total       ${kb(result.totalBytes).padStart(9)}  (gzip ${kb(result.totalGzipBytes)})`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('esbuild')) {
      console.warn('client: esbuild is not installed (dev dependency), so the inspection page was not built; `npm install` with dev dependencies builds it.');
    } else {
      console.error(`client: build failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
