/**
 * Reading CLEVR scene files. CLEVR's own files (`{info, scenes: [...]}`, 70k scenes for train) are streamed
 * scene by scene, so memory holds one scene at a time; a bare array of scenes or a single scene is parsed
 * whole (such files are small).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { GraphFormatError, isGraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import type { SceneGraph } from '../scene-graph.ts';
import { checkUniqueImageId, sceneGraphFromClevr, sceneGraphsFromClevr, type ClevrImportOptions } from './clevr-scene.ts';

/** Each scene of a CLEVR scenes file as a SceneGraph, in file order. */
export async function* readClevrScenes(file: string, options: ClevrImportOptions = {}): AsyncGenerator<SceneGraph> {
  const withFile = { ...options, file: options.file ?? file };
  const firstIndexOf = new Map<string, number>();
  let count = 0;
  const items = pipeline(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    streamJson.parser(),
    Pick.pick({ filter: 'scenes' }),
    StreamArray.streamArray(),
    () => undefined, // errors surface through the iteration below
  );
  try {
    for await (const { key, value } of items as AsyncIterable<{ key: number; value: unknown }>) {
      const path: JsonPath = ['scenes', key];
      const graph = sceneGraphFromClevr(value, withFile, path);
      checkUniqueImageId(firstIndexOf, graph.getAttribute('imageId'), key, path, withFile.file);
      count += 1;
      yield graph;
    }
  } catch (error) {
    if (isGraphFormatError(error)) throw error;
    const where: JsonPath = count > 0 ? ['scenes', count] : [];
    throw new GraphFormatError(`clevr: cannot read (${(error as Error).message})`, where, withFile.file);
  } finally {
    items.destroy();
  }
  if (count > 0) return;
  // No `scenes` array streamed: a bare array, a single scene, an empty file of scenes, or not CLEVR at all.
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new GraphFormatError(`clevr: malformed JSON (${(error as Error).message})`, [], withFile.file);
  }
  yield* sceneGraphsFromClevr(json, withFile);
}
