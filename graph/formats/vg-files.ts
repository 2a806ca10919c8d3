/**
 * Streaming reader of Visual Genome files. The real objects.json / attributes.json / relationships.json
 * are hundreds of MB each; they are read side by side, one entry per file per step, and an image's scene
 * is built as soon as every file still open has delivered its entry. VG's files list the images in the
 * same order, so memory holds about one image per file; files in different orders still load correctly,
 * at the cost of buffering entries until their partners arrive. image_data.json (one small record per
 * image) is indexed whole first.
 */
import type { SceneGraph } from '../scene-graph.ts';
import { streamJsonArray } from './json-stream.ts';
import {
  buildVgScene,
  checkNewImage,
  parseVgEntry,
  VG_ANNOTATION_SOURCES,
  VgImageDataIndex,
  type VgAnnotationSource,
  type VgImageParts,
} from './vg-import.ts';
import { resolveVgOptions, type VisualGenomeImportOptions } from './vg-scene.ts';

/** Paths of the Visual Genome files to read; any subset with at least one annotation file. */
export interface VisualGenomeFiles {
  objects?: string;
  attributes?: string;
  relationships?: string;
  imageData?: string;
}

interface OpenStream {
  source: VgAnnotationSource;
  entries: AsyncIterator<[number, unknown]>;
  done: boolean;
  seen: Set<number>;
}

/** Each image of the files as a SceneGraph, in order of first appearance (objects.json first). */
export async function* readVisualGenome(files: VisualGenomeFiles, options: VisualGenomeImportOptions = {}): AsyncGenerator<SceneGraph> {
  const names = Object.fromEntries(Object.entries(files).filter(([, path]) => path !== undefined));
  const resolved = resolveVgOptions({ ...options, files: { ...names, ...options.files } });
  let imageData: VgImageDataIndex | undefined;
  if (files.imageData !== undefined) {
    imageData = new VgImageDataIndex(resolved);
    for await (const [index, value] of streamJsonArray(files.imageData, { file: resolved.files.imageData })) imageData.add(value, index);
  }

  const streams: OpenStream[] = [];
  for (const source of VG_ANNOTATION_SOURCES) {
    const path = files[source];
    if (path === undefined) continue;
    const entries = streamJsonArray(path, { file: resolved.files[source] })[Symbol.asyncIterator]();
    streams.push({ source, entries, done: false, seen: new Set() });
  }
  // Images in order of first appearance; an image leaves as soon as it is complete.
  const pending = new Map<number, VgImageParts>();
  const complete = (parts: VgImageParts): boolean => streams.every((s) => s.done || parts[s.source] !== undefined);
  try {
    while (streams.some((s) => !s.done)) {
      for (const stream of streams) {
        if (stream.done) continue;
        const next = await stream.entries.next();
        if (next.done) {
          stream.done = true;
          continue;
        }
        const [index, value] = next.value;
        const entry = parseVgEntry(stream.source, value, index, resolved);
        checkNewImage(stream.seen, entry, resolved);
        const parts = pending.get(entry.imageId) ?? {};
        Object.assign(parts, { [stream.source]: entry });
        pending.set(entry.imageId, parts);
      }
      for (const [imageId, parts] of pending) {
        if (!complete(parts)) break;
        pending.delete(imageId);
        yield buildVgScene(imageId, parts, imageData, resolved);
      }
    }
  } finally {
    await Promise.all(streams.map((s) => s.entries.return?.()));
  }
}
