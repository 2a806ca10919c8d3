/**
 * Cached scene graphs (`--scene-graphs FILE`): a GQA scene-graphs file, streamed and validated once, kept
 * as one compact JSON string per image (about the file's size in memory; parsed objects would take
 * several times that), and turned into SceneGraphs on demand, a few hundred of them cached.
 * A scene whose relations point to missing objects is that image's failure (`bad-graph`), not the run's.
 */
import { isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { readGqaScenes, type ReadOptions } from '../../../graph/formats/gqa-files.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { SceneBoxSource } from '../metrics/scene-boxes.ts';
import type { GraphOutcome, GraphProvider } from './eval-types.ts';

/** SceneGraphs kept built (least recently used dropped first). */
const GRAPH_CACHE = 512;

export class SceneFileGraphs implements GraphProvider {
  private readonly cache = new Map<string, GraphOutcome>();
  private lastObjects: { imageId: string; ids: ReadonlySet<string> } | undefined;

  private constructor(readonly file: string, private readonly scenes: ReadonlyMap<string, string>) {}

  /** Streams and validates `file` (a bad field stops here, with its JSON path). */
  static async load(file: string, options: ReadOptions = {}): Promise<SceneFileGraphs> {
    const scenes = new Map<string, string>();
    for await (const [imageId, scene] of readGqaScenes(file, options)) scenes.set(imageId, JSON.stringify(scene));
    return new SceneFileGraphs(file, scenes);
  }

  get size(): number {
    return this.scenes.size;
  }

  /** The scene of `imageId` as GQA JSON (undefined when absent). */
  scene(imageId: string): GqaScene | undefined {
    const raw = this.scenes.get(imageId);
    return raw === undefined ? undefined : (JSON.parse(raw) as GqaScene);
  }

  /** Whether the scene of `imageId` has object `objectId` (the last image's ids are kept: questions come grouped by image). */
  hasObject(imageId: string, objectId: string): boolean {
    if (this.lastObjects?.imageId !== imageId) {
      const scene = this.scene(imageId);
      this.lastObjects = { imageId, ids: new Set(scene ? Object.keys(scene.objects) : []) };
    }
    return this.lastObjects.ids.has(objectId);
  }

  /** Every scene's boxes, for the grounding metric. */
  *boxSources(): Generator<[string, SceneBoxSource]> {
    for (const [imageId, raw] of this.scenes) yield [imageId, JSON.parse(raw) as SceneBoxSource];
  }

  async *graphs(imageIds: readonly string[]): AsyncGenerator<readonly [string, GraphOutcome]> {
    for (const imageId of imageIds) yield [imageId, this.outcome(imageId)] as const;
  }

  private outcome(imageId: string): GraphOutcome {
    const cached = this.cache.get(imageId);
    if (cached) {
      this.cache.delete(imageId);
      this.cache.set(imageId, cached);
      return cached;
    }
    const raw = this.scenes.get(imageId);
    let outcome: GraphOutcome;
    if (raw === undefined) {
      outcome = { kind: 'failed', cause: 'no-graph', message: `image "${imageId}" is not in ${this.file}` };
    } else {
      try {
        outcome = { kind: 'graph', graph: sceneGraphFromGqa(imageId, JSON.parse(raw), { file: this.file }) };
      } catch (error) {
        if (!isGraphFormatError(error)) throw error;
        outcome = { kind: 'failed', cause: 'bad-graph', message: error.message };
      }
    }
    if (this.cache.size >= GRAPH_CACHE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(imageId, outcome);
    return outcome;
  }
}
