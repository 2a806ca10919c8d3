/**
 * Predicted scene graphs (`--images DIR [--sgg FILE]`): each image of the folder (DESIGN §3 naming,
 * `<imageId>.png|.jpg|.jpeg|.webp`) goes through the scene-graph generator once. Images are decoded a few
 * ahead (sharp works on libuv's threads) while the models run on the main thread, as models/sgg's batched
 * extraction does. The VQA model's location classifier gives each graph its location (the generator
 * predicts no scene attributes), from the decoded raster when it is the classifier's 256 x 256 input.
 *
 * Every graph (or the image's failure: no file, undecodable) is appended to a JSON-lines file as soon as it
 * is made, `{"imageId", "scene": GQA scene}` or `{"imageId", "failure": {cause, message}}`, with its offset
 * kept in memory: an image that comes back in a later window, a resumed run, the report's graph links and
 * `--write-graphs` read it from there instead of predicting it again. Graphs are always used as read back
 * from their GQA JSON, so a resumed run answers on exactly the graphs an uninterrupted one would.
 */
import { readFile } from 'node:fs/promises';
import { writeJsonObjectAtomic } from '../../../graph/io/atomic-write.ts';
import { sceneGraphFromGqa, sceneGraphToGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { LabelProbability, SceneGraph } from '../../../graph/scene-graph.ts';
// Single modules rather than the models' barrels, which load onnxruntime, sharp and the training code:
// every `sgvqa` command imports server/batch.
import { isImageInputError } from '../../../models/sgg/errors/image-input-error.ts';
import type { SceneGraphGenerator } from '../../../models/sgg/inference/generator.ts';
import { listImages } from '../../../models/sgg/inference/image-folder.ts';
import { mapOrdered, settle } from '../../../models/sgg/inference/ordered-map.ts';
import type { LocationClassifier } from '../../../models/vqa/scene/location-classifier.ts';
import type { GraphOutcome, GraphProvider } from './eval-types.ts';
import { JsonLinesWriter, readJsonLines } from './json-lines.ts';

export interface ImageFolderGraphsOptions {
  readonly dir: string;
  readonly generator: SceneGraphGenerator;
  /** Gives predicted graphs their location (the VQA model's classifier); none: no location. */
  readonly locations?: LocationClassifier | null;
  /** The predicted-graphs file (JSON lines). */
  readonly file: string;
  /** Reuse the graphs already in `file` (otherwise it is started afresh). */
  readonly resume: boolean;
  /** Images decoded ahead of the generator (default 6). */
  readonly concurrency?: number;
}

type Failure = { readonly cause: 'no-graph' | 'bad-image'; readonly message: string };
type Recorded = { readonly offset: number; readonly length: number } | { readonly failure: Failure };
type Line = { imageId: string; scene: GqaScene } | { imageId: string; failure: Failure };

interface Decoded {
  readonly raster: Awaited<ReturnType<SceneGraphGenerator['prepare']>>['raster'];
  readonly width: number;
  readonly height: number;
  readonly location: LabelProbability[] | undefined;
}

export class ImageFolderGraphs implements GraphProvider {
  /** Graphs predicted in this run, and taken from the file. */
  predicted = 0;
  reused = 0;
  /** Seconds spent decoding (wall, overlapping) and running the generator. */
  generatorSeconds = 0;

  private constructor(
    private readonly options: ImageFolderGraphsOptions,
    private readonly paths: ReadonlyMap<string, string>,
    private readonly duplicates: ReadonlyMap<string, string>,
    private readonly recorded: Map<string, Recorded>,
    private readonly writer: JsonLinesWriter,
  ) {}

  static async open(options: ImageFolderGraphsOptions): Promise<ImageFolderGraphs> {
    const { images, duplicates } = await listImages(options.dir);
    const paths = new Map(images.map((image) => [image.imageId, image.path]));
    const duplicateOf = new Map(duplicates.map((d) => [d.imageId, d.path]));
    const recorded = new Map<string, Recorded>();
    let validBytes = 0;
    if (options.resume) {
      for await (const line of readJsonLines(options.file)) {
        const value = line.value as Line;
        if (typeof value?.imageId !== 'string') break;
        recorded.set(value.imageId, 'failure' in value ? { failure: value.failure } : { offset: line.offset, length: line.length });
        validBytes = line.offset + line.length + 1;
      }
    }
    return new ImageFolderGraphs(options, paths, duplicateOf, recorded, JsonLinesWriter.open(options.file, validBytes));
  }

  /** The image file of `imageId`, if the folder has one. */
  imagePath(imageId: string): string | undefined {
    return this.paths.get(imageId);
  }

  /** The predicted graph of `imageId` as GQA JSON, once it has been predicted. */
  scene(imageId: string): GqaScene | undefined {
    const recorded = this.recorded.get(imageId);
    if (!recorded || 'failure' in recorded) return undefined;
    return (this.writer.read(recorded.offset, recorded.length) as { scene: GqaScene }).scene;
  }

  /** Images that gave no graph, with why. */
  failures(): { imageId: string; file: string | undefined; cause: string; message: string }[] {
    const out = [];
    for (const [imageId, recorded] of this.recorded) {
      if ('failure' in recorded) out.push({ imageId, file: this.paths.get(imageId) ?? this.duplicates.get(imageId), ...recorded.failure });
    }
    return out;
  }

  async *graphs(imageIds: readonly string[]): AsyncGenerator<readonly [string, GraphOutcome]> {
    const decodes = mapOrdered(imageIds, this.options.concurrency ?? 6, async (imageId) => {
      const known = this.recorded.get(imageId);
      return { imageId, known, decoded: known ? undefined : await settle(this.decode(imageId)) };
    });
    for await (const { imageId, known, decoded } of decodes) {
      if (known) {
        this.reused++;
        yield [imageId, this.outcomeOf(imageId, known)] as const;
        continue;
      }
      let line: Line;
      if (!decoded!.ok) {
        line = { imageId, failure: { cause: 'bad-image', message: `image "${imageId}": ${(decoded!.error as Error).message ?? String(decoded!.error)}` } };
      } else if ('failure' in decoded!.value) {
        line = { imageId, failure: decoded!.value.failure };
      } else {
        const started = performance.now();
        try {
          line = { imageId, scene: sceneGraphToGqa(await this.predict(imageId, decoded!.value)) };
        } catch (error) {
          line = { imageId, failure: { cause: 'bad-image', message: `the generator failed on image "${imageId}": ${(error as Error).message}` } };
        }
        this.generatorSeconds += (performance.now() - started) / 1000;
        this.predicted++;
      }
      const position = this.writer.append(line);
      const recorded: Recorded = 'failure' in line ? { failure: line.failure } : position;
      this.recorded.set(imageId, recorded);
      yield [imageId, this.outcomeOf(imageId, recorded)] as const;
    }
  }

  /** Writes every predicted graph as one GQA scene-graphs file (atomically). */
  async writeSceneGraphs(path: string): Promise<number> {
    let count = 0;
    const writer = this.writer;
    const recorded = this.recorded;
    function* scenes(): Generator<[string, unknown]> {
      for (const [imageId, entry] of recorded) {
        if ('failure' in entry) continue;
        count++;
        yield [imageId, (writer.read(entry.offset, entry.length) as { scene: GqaScene }).scene];
      }
    }
    await writeJsonObjectAtomic(path, scenes());
    return count;
  }

  close(): void {
    this.writer.close();
  }

  private outcomeOf(imageId: string, recorded: Recorded): GraphOutcome {
    if ('failure' in recorded) return { kind: 'failed', ...recorded.failure };
    const { scene } = this.writer.read(recorded.offset, recorded.length) as { scene: GqaScene };
    return { kind: 'graph', graph: sceneGraphFromGqa(imageId, scene, { file: this.options.file }) };
  }

  /** The image decoded into the generator's input (and its location), or why it cannot be. */
  private async decode(imageId: string): Promise<Decoded | { failure: Failure }> {
    const duplicate = this.duplicates.get(imageId);
    const path = this.paths.get(imageId);
    if (!path) return { failure: { cause: 'no-graph', message: `no image file for "${imageId}" in ${this.options.dir}` } };
    if (duplicate) return { failure: { cause: 'bad-image', message: `two files for image "${imageId}": ${path} and ${duplicate}` } };
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      return { failure: { cause: 'bad-image', message: `cannot read ${path} (${(error as Error).message})` } };
    }
    let prepared;
    try {
      prepared = await this.options.generator.prepare(bytes, path);
    } catch (error) {
      if (isImageInputError(error)) return { failure: { cause: 'bad-image', message: error.message } };
      throw error;
    }
    const { raster, width, height } = prepared;
    let location: Decoded['location'];
    const classifier = this.options.locations;
    if (classifier) {
      const { LOCATION_SIDE, locationFeatures, locationFeaturesOfRaster } = await import('../../../models/vqa/scene/location-features.ts');
      // The classifier was fitted on features of the image brought to 256 x 256; a raster that is that image unchanged gives the same features without decoding it again.
      const unchanged = raster.width === LOCATION_SIDE && raster.height === LOCATION_SIDE && width === LOCATION_SIDE && height === LOCATION_SIDE;
      const features = unchanged ? locationFeaturesOfRaster(raster.data) : await locationFeatures(bytes);
      location = classifier.predict(features);
    }
    return { raster, width, height, location };
  }

  private async predict(imageId: string, decoded: Decoded): Promise<SceneGraph> {
    const { graph } = await this.options.generator.predictRaster(decoded.raster, { imageId, width: decoded.width, height: decoded.height });
    if (decoded.location && decoded.location.length > 0) {
      graph.setAttribute('extra', { ...(graph.getAttribute('extra') ?? {}), scores: { location: decoded.location } });
      graph.setAttribute('location', decoded.location[0]!.label);
    }
    return graph;
  }
}
