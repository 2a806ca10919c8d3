/**
 * Batched extraction: every image of a folder -> its predicted scene graph, written as one GQA
 * scene-graphs file. Images are decoded a few ahead (sharp, libuv threads) while the model takes them in
 * order. An image that cannot be used (empty, not an image, corrupt or truncated, over the pixel limit,
 * unreadable, a second file for the same id) is recorded with its problem and skipped; extraction goes on.
 *
 * Files: `<out>` (written atomically at the end), `<out minus .json>.errors.json` (the failures, always
 * written, [] when none), and while running `<out>.partial`, one JSON line per finished image. A run
 * that is interrupted leaves the partial file; the next run with the same output reuses its lines and
 * only processes the images not in it (a torn last line is ignored), so no work is redone and `<out>` is
 * never half-written.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { sceneGraphToGqa } from '../../../graph/formats/index.ts';
import type { GqaScene } from '../../../graph/formats/index.ts';
import { writeFileAtomic, writeJsonObjectAtomic } from '../../../graph/io/atomic-write.ts';
import { isImageInputError } from '../errors/image-input-error.ts';
import type { DecodeOptions } from './decode.ts';
import type { SceneGraphGenerator } from './generator.ts';
import { type FolderImage, listImages } from './image-folder.ts';
import { mapOrdered, settle } from './ordered-map.ts';

export interface ExtractOptions {
  readonly imagesDir: string;
  readonly outPath: string;
  readonly decode?: Partial<DecodeOptions>;
  /** Images decoded ahead of the model (default 6). */
  readonly concurrency?: number;
  /** Reuse `<out>.partial` from an interrupted run (default true). */
  readonly resume?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once the folder is listed. */
  readonly onStart?: (total: number, resumed: number) => void;
}

export interface ExtractFailure {
  readonly imageId: string;
  readonly file: string;
  readonly problem: string;
  readonly message: string;
}

export interface ExtractSummary {
  readonly images: number;
  readonly written: number;
  readonly resumed: number;
  readonly failures: readonly ExtractFailure[];
  readonly outPath: string;
  readonly errorsPath: string;
  readonly seconds: number;
}

type PartialLine = { id: string; scene: GqaScene } | { id: string; failure: ExtractFailure };

export function errorsPathFor(outPath: string): string {
  return `${outPath.replace(/\.json$/i, '')}.errors.json`;
}

async function* readPartial(path: string): AsyncGenerator<PartialLine> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as PartialLine;
    } catch {
      // A line torn by an interruption: that image is simply done again.
    }
  }
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

function failureOf(image: FolderImage, error: unknown): ExtractFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { imageId: image.imageId, file: image.path, problem: isImageInputError(error) ? error.problem : 'failed', message };
}

export async function extractSceneGraphs(generator: SceneGraphGenerator, options: ExtractOptions): Promise<ExtractSummary> {
  const started = performance.now();
  const partialPath = `${options.outPath}.partial`;
  const { images, duplicates } = await listImages(options.imagesDir);
  const done = new Set<string>();
  if (options.resume === false) await rm(partialPath, { force: true });
  else for await (const line of readPartial(partialPath)) done.add(line.id);
  const todo = images.filter((i) => !done.has(i.imageId));
  options.onStart?.(images.length, done.size);

  // A torn last line must not swallow the next one: start appending on a fresh line.
  const tornTail = existsSync(partialPath) && (await endsWithoutNewline(partialPath));
  const out = createWriteStream(partialPath, { flags: 'a' });
  if (tornTail) out.write('\n');
  const append = (line: PartialLine) =>
    new Promise<void>((resolve, reject) => out.write(`${JSON.stringify(line)}\n`, (e) => (e ? reject(e) : resolve())));
  let progress = done.size;
  try {
    const prepared = mapOrdered(todo, options.concurrency ?? 6, async (image) => ({ image, result: await settle(generator.prepareFile(image.path)) }));
    for await (const { image, result } of prepared) {
      if (!result.ok) {
        await append({ id: image.imageId, failure: failureOf(image, result.error) });
      } else {
        try {
          const { graph } = await generator.predictRaster(result.value.raster, { imageId: image.imageId, width: result.value.width, height: result.value.height }, options.decode);
          await append({ id: image.imageId, scene: sceneGraphToGqa(graph) });
        } catch (error) {
          await append({ id: image.imageId, failure: failureOf(image, error) });
        }
      }
      options.onProgress?.(++progress, images.length);
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }

  const failures: ExtractFailure[] = duplicates.map((d) => ({
    imageId: d.imageId, file: d.path, problem: 'duplicate', message: `sgg/extract: ${d.path}: another file already has image id ${d.imageId}`,
  }));
  let written = 0;
  async function* scenes(): AsyncGenerator<[string, unknown]> {
    for await (const line of readPartial(partialPath)) {
      if ('scene' in line) {
        written++;
        yield [line.id, line.scene];
      } else failures.push(line.failure);
    }
  }
  await writeJsonObjectAtomic(options.outPath, scenes());
  const errorsPath = errorsPathFor(options.outPath);
  await writeFileAtomic(errorsPath, `${JSON.stringify(failures, null, 2)}\n`);
  await rm(partialPath, { force: true });
  return { images: images.length + duplicates.length, written, resumed: done.size, failures, outPath: options.outPath, errorsPath, seconds: (performance.now() - started) / 1000 };
}
