/**
 * Predicted scene graphs (`--images DIR [--sgg FILE]`): each image of the folder (DESIGN §3 naming,
 * `<imageId>.png|.jpg|.jpeg|.webp`) goes through the scene-graph generator once, in a worker thread
 * (graph-worker.ts) that decodes a few images ahead and gives each graph its location from the VQA
 * model's classifier (the generator predicts no scene attributes).
 *
 * Every graph (or the image's failure: no file, two files, undecodable) is appended to a JSON-lines file
 * as soon as it is made, `{"imageId", "scene": GQA scene}` or `{"imageId", "failure": {cause, message}}`,
 * with its offset kept in memory: an image that comes back in a later window, a resumed run, the report's
 * graph links and `--write-graphs` read it from there instead of predicting it again. Graphs are always
 * used as read back from their GQA JSON, so a resumed run answers on exactly the graphs an uninterrupted
 * one would.
 */
import { writeJsonObjectAtomic } from '../../../graph/io/atomic-write.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
// A single module rather than models/sgg's barrel, which loads onnxruntime, sharp and the training code:
// every `sgvqa` command imports server/batch.
import { listImages } from '../../../models/sgg/inference/image-folder.ts';
import type { LocationClassifierJson } from '../../../models/vqa/scene/location-classifier.ts';
import { EvalError } from '../errors/eval-error.ts';
import type { GraphOutcome, GraphProvider } from './eval-types.ts';
import type { PredictedImage } from './graph-protocol.ts';
import { GraphWorker } from './graph-worker-client.ts';
import { JsonLinesWriter, readJsonLines } from './json-lines.ts';

export interface ImageFolderGraphsOptions {
  readonly dir: string;
  /** The scene-graph generator's .onnx. */
  readonly sgg: string;
  /** Gives predicted graphs their location (the VQA model's classifier); null: no location. */
  readonly locations?: LocationClassifierJson | null;
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

export class ImageFolderGraphs implements GraphProvider {
  /** Graphs predicted in this run, and taken from the file. */
  predicted = 0;
  reused = 0;
  /** Seconds the generator worked (in its thread). */
  generatorSeconds = 0;

  private constructor(
    private readonly options: ImageFolderGraphsOptions,
    private readonly paths: ReadonlyMap<string, string>,
    private readonly duplicates: ReadonlyMap<string, string>,
    private readonly recorded: Map<string, Recorded>,
    private readonly writer: JsonLinesWriter,
    private readonly worker: GraphWorker,
  ) {}

  /** Lists the folder, reads the graphs already predicted (resume), starts the generator's worker. */
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
    const worker = await GraphWorker.start({ sggPath: options.sgg, threads: 1, locations: options.locations ?? null, concurrency: options.concurrency ?? 6 });
    return new ImageFolderGraphs(options, paths, duplicateOf, recorded, JsonLinesWriter.open(options.file, validBytes), worker);
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
    const todo = imageIds.filter((imageId) => !this.recorded.has(imageId) && this.paths.has(imageId) && !this.duplicates.has(imageId));
    const predictions = this.worker.predict(todo.map((imageId) => ({ imageId, path: this.paths.get(imageId)! })));
    try {
      for (const imageId of imageIds) {
        const known = this.recorded.get(imageId);
        if (known) {
          this.reused++;
          yield [imageId, this.outcomeOf(imageId, known)] as const;
          continue;
        }
        const line = await this.lineOf(imageId, predictions);
        const position = this.writer.appendText(line.text);
        this.recorded.set(imageId, line.failure ? { failure: line.failure } : position);
        const outcome: GraphOutcome = line.failure
          ? { kind: 'failed', ...line.failure }
          : { kind: 'graph', graph: sceneGraphFromGqa(imageId, JSON.parse(line.scene!), { file: this.options.file }) };
        yield [imageId, outcome] as const;
      }
    } finally {
      await predictions.return(undefined);
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

  async close(): Promise<void> {
    this.writer.close();
    await this.worker.close();
  }

  /** The predicted-graphs line of an image not seen before, as JSON text, with its failure or scene (JSON text). */
  private async lineOf(imageId: string, predictions: AsyncGenerator<PredictedImage>): Promise<{ text: string; failure?: Failure; scene?: string }> {
    const failed = (cause: Failure['cause'], message: string) => ({ text: JSON.stringify({ imageId, failure: { cause, message } }), failure: { cause, message } });
    const path = this.paths.get(imageId);
    if (path === undefined) return failed('no-graph', `no image file for "${imageId}" in ${this.options.dir}`);
    const duplicate = this.duplicates.get(imageId);
    if (duplicate !== undefined) return failed('bad-image', `two files for image "${imageId}": ${path} and ${duplicate}`);
    const next = await predictions.next();
    if (next.done) throw new EvalError(`the generator worker gave no result for image "${imageId}"`);
    const result = next.value;
    if (result.type === 'failure') return failed('bad-image', result.message);
    this.predicted++;
    this.generatorSeconds += result.seconds;
    return { text: `{"imageId":${JSON.stringify(imageId)},"scene":${result.scene}}`, scene: result.scene };
  }

  private outcomeOf(imageId: string, recorded: Recorded): GraphOutcome {
    if ('failure' in recorded) return { kind: 'failed', ...recorded.failure };
    const { scene } = this.writer.read(recorded.offset, recorded.length) as { scene: GqaScene };
    return { kind: 'graph', graph: sceneGraphFromGqa(imageId, scene, { file: this.options.file }) };
  }
}
