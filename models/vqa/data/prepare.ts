/**
 * Everything a VQA training run or experiment needs from a data folder, loaded once: vocabularies,
 * encoded questions, annotated graph sources and, when a scene-graph generator is given, predicted
 * graph sources (view caches built on first use, with a location classifier fitted on the training
 * images for the scene attribute the generator does not predict).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../graph/io/atomic-write.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import { LocationClassifier } from '../scene/location-classifier.ts';
import { fitLocationClassifier } from '../scene/fit-location-classifier.ts';
import type { SceneGraphPredictor } from '../views/scene-graph-predictor.ts';
import { buildViewCache, loadViewCache } from '../views/view-cache.ts';
import { type Examples, encodeExamples } from './examples.ts';
import { type GraphSource, annotatedSource, predictedSource } from './graph-source.ts';
import { type BuiltVocabularies, type SplitName, buildVocabularies, requireSplit, splitDir } from './vqa-dataset.ts';
import type { VqaSplit } from './vqa-split.ts';

export interface GeneratorHandle {
  readonly predictor: SceneGraphPredictor;
  /** sha256 of the generator's .onnx: view caches are keyed by it. */
  readonly sha256: string;
  readonly path: string;
}

export interface PrepareOptions {
  readonly dataDir: string;
  /** Needed for predicted graphs (training on them, SSL views, evaluation on them). */
  readonly generator?: GeneratorHandle;
  /** Augmented views per training image (default 2); evaluation splits use view 0 only. */
  readonly views?: number;
  readonly viewSeed?: number;
  /**
   * Use only the first n training images (sorted ids) and their questions: a smaller, cheaper training
   * set (its generator views are cached separately). Default: all.
   */
  readonly maxTrainImages?: number;
  readonly splits?: readonly SplitName[];
  readonly onProgress?: (label: string, done: number, total: number) => void;
}

export interface PreparedSplit {
  readonly name: SplitName;
  readonly split: VqaSplit;
  readonly examples: Examples;
  readonly annotated: GraphSource;
  readonly predicted: GraphSource | null;
}

export interface PreparedVqaData {
  readonly dataDir: string;
  readonly vocabularies: BuiltVocabularies;
  readonly splits: ReadonlyMap<SplitName, PreparedSplit>;
  readonly locations: LocationClassifier | null;
  readonly generator: { path: string; sha256: string } | null;
  readonly views: number;
  readonly maxTrainImages: number | null;
}

async function locationClassifier(dataDir: string, train: VqaSplit, onProgress?: PrepareOptions['onProgress']): Promise<LocationClassifier> {
  const path = join(dataDir, 'train', 'views', 'location-classifier.json');
  if (existsSync(path)) return LocationClassifier.fromJSON(JSON.parse(await readFile(path, 'utf8')));
  const classifier = await fitLocationClassifier(train.imagesDir, train.graphs, { onProgress: (d, t) => onProgress?.('location classifier', d, t) });
  await writeFileAtomic(path, `${JSON.stringify(classifier.toJSON(), null, 2)}\n`);
  return classifier;
}

export async function prepareVqaData(options: PrepareOptions): Promise<PreparedVqaData> {
  const names = options.splits ?? (['train', 'val', 'test'] as const).filter((s) => s !== 'test' || existsSync(join(options.dataDir, 'test', 'questions.json')));
  if (!names.includes('train')) throw new VqaDataError('vqa/data: the train split is needed (vocabularies come from it)');
  const loaded = new Map<SplitName, VqaSplit>();
  for (const name of names) loaded.set(name, await requireSplit(options.dataDir, name));
  let train = loaded.get('train')!;
  if (options.maxTrainImages !== undefined) {
    const keep = new Set([...new Set(train.questions.map(([, q]) => q.imageId))].sort().slice(0, options.maxTrainImages));
    train = { ...train, questions: train.questions.filter(([, q]) => keep.has(q.imageId)), graphs: new Map([...train.graphs].filter(([id]) => keep.has(id))) };
    loaded.set('train', train);
  }
  const vocabularies = await buildVocabularies(train);
  const views = options.views ?? 2;
  let locations: LocationClassifier | null = null;
  if (options.generator) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(options.dataDir, 'train', 'views'), { recursive: true });
    locations = await locationClassifier(options.dataDir, train, options.onProgress);
  }
  const splits = new Map<SplitName, PreparedSplit>();
  for (const [name, split] of loaded) {
    let predicted: GraphSource | null = null;
    if (options.generator) {
      const imageIds = [...new Set(split.questions.map(([, q]) => q.imageId))].sort();
      const dir = splitDir(options.dataDir, name);
      const subset = name === 'train' && options.maxTrainImages !== undefined ? imageIds.length : undefined;
      await buildViewCache(dir, {
        ...(subset !== undefined ? { subset } : {}),
        predictor: options.generator.predictor,
        generatorSha256: options.generator.sha256,
        ...(locations ? { locations } : {}),
        views: name === 'train' ? views : 0,
        seed: options.viewSeed ?? 0,
        imageIds,
        onProgress: (d, t) => options.onProgress?.(`${name} views`, d, t),
      });
      predicted = predictedSource((await loadViewCache(dir, subset !== undefined ? { subset } : {})).views);
    }
    splits.set(name, {
      name,
      split,
      examples: encodeExamples(split.questions, vocabularies.words, vocabularies.answers),
      annotated: annotatedSource(split.graphs),
      predicted,
    });
  }
  return {
    dataDir: options.dataDir,
    vocabularies,
    splits,
    locations,
    generator: options.generator ? { path: options.generator.path, sha256: options.generator.sha256 } : null,
    views,
    maxTrainImages: options.maxTrainImages ?? null,
  };
}
