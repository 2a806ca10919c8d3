/**
 * Loads the shipped models (models/pretrained, or files given with --sgg / --vqa) behind the server's
 * model ports. A model that is absent or fails to load (e.g. it breaks the ONNX contract) is reported in
 * `unavailable` with the reason; the endpoints that need it then answer 503 `model_unavailable` with
 * that reason. Nothing is faked in its place. Model code is imported only when a model file exists.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { LoadedModels } from './model-ports.ts';

export interface ModelFiles {
  /** Scene-graph generator .onnx (default `<modelsDir>/sgg.onnx`), with its .json manifest beside it. */
  sgg?: string;
  /** VQA model .onnx (default `<modelsDir>/vqa.onnx`). */
  vqa?: string;
}

/** A path for messages clients see: relative to the working directory, never the server's full layout. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? basename(file) : rel;
}

function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Absolute paths in model errors would show clients the server's layout.
  return message.split('\n')[0]!.replaceAll(`${process.cwd()}/`, '');
}

/** The model files to load: the given ones, else the shipped ones in `modelsDir`. */
export function modelFiles(modelsDir: string, files: ModelFiles = {}): Required<ModelFiles> {
  return { sgg: files.sgg ?? join(modelsDir, 'sgg.onnx'), vqa: files.vqa ?? join(modelsDir, 'vqa.onnx') };
}

/** Loads the models into this thread (the inference workers call this; so does a server without workers). */
export async function loadModelsInProcess(files: Required<ModelFiles>, maxPixels: number): Promise<LoadedModels> {
  const { sgg: sggFile, vqa: vqaFile } = files;
  const models: LoadedModels = { extractor: undefined, answerer: undefined, unavailable: {} };
  const [sgg, vqa] = await Promise.allSettled([
    existsSync(sggFile) ? import('./sgg-extractor.ts').then(({ SggExtractor }) => SggExtractor.load(sggFile, maxPixels)) : Promise.resolve(undefined),
    existsSync(vqaFile) ? import('./vqa-answerer.ts').then(({ VqaAnswerer }) => VqaAnswerer.load(vqaFile)) : Promise.resolve(undefined),
  ]);
  if (sgg.status === 'fulfilled' && sgg.value) models.extractor = sgg.value;
  else {
    models.unavailable.sgg = sgg.status === 'rejected'
      ? `the scene-graph generator ${shown(sggFile)} could not be loaded: ${failure(sgg.reason)}`
      : `no scene-graph generator at ${shown(sggFile)} (build it with npm run train:sgg)`;
  }
  if (vqa.status === 'fulfilled' && vqa.value) {
    models.answerer = vqa.value;
    if (sgg.status === 'fulfilled' && sgg.value) sgg.value.locations = vqa.value.locations;
  } else {
    models.unavailable.vqa = vqa.status === 'rejected'
      ? `the VQA model ${shown(vqaFile)} could not be loaded: ${failure(vqa.reason)}`
      : `no VQA model at ${shown(vqaFile)}`;
  }
  return models;
}

export interface LoadOptions {
  /** Inference worker threads (default 1); 0 runs the models on the calling thread. */
  workers?: number;
  /** Called when a worker dies (it is replaced). */
  onWorkerLost?: (message: string) => void;
}

/**
 * The server's models: loaded in `workers` inference threads when any model file exists (every worker
 * holds its own sessions), or in this thread with `workers: 0`.
 */
export async function loadModels(modelsDir: string, files: ModelFiles = {}, maxPixels = 4096 * 4096, options: LoadOptions = {}): Promise<LoadedModels> {
  const paths = modelFiles(modelsDir, files);
  const workers = options.workers ?? 1;
  if (workers === 0 || (!existsSync(paths.sgg) && !existsSync(paths.vqa))) return loadModelsInProcess(paths, maxPixels);
  const { InferencePool, pooledModels } = await import('../workers/inference-pool.ts');
  const { pool, ready } = await InferencePool.start(workers, { type: 'init', ...paths, maxPixels }, options.onWorkerLost);
  if (!ready.sgg && !ready.vqa) {
    await pool.close();
    return { extractor: undefined, answerer: undefined, unavailable: ready.unavailable };
  }
  return pooledModels(pool, ready);
}
