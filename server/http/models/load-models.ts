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

export async function loadModels(modelsDir: string, files: ModelFiles = {}, maxPixels = 4096 * 4096): Promise<LoadedModels> {
  const sggFile = files.sgg ?? join(modelsDir, 'sgg.onnx');
  const vqaFile = files.vqa ?? join(modelsDir, 'vqa.onnx');
  const models: LoadedModels = { extractor: undefined, answerer: undefined, unavailable: {} };
  if (!existsSync(sggFile)) models.unavailable.sgg = `no scene-graph generator at ${shown(sggFile)} (build it with npm run train:sgg)`;
  else {
    try {
      const { SggExtractor } = await import('./sgg-extractor.ts');
      models.extractor = await SggExtractor.load(sggFile, maxPixels);
    } catch (error) {
      models.unavailable.sgg = `the scene-graph generator ${shown(sggFile)} could not be loaded: ${failure(error)}`;
    }
  }
  // models/vqa (issue 6) has not landed in this checkout yet; its adapter is added here when it does.
  models.unavailable.vqa = existsSync(vqaFile)
    ? `the VQA model code (models/vqa) is not part of this build yet`
    : `no VQA model at ${shown(vqaFile)} (models/vqa is not built yet)`;
  return models;
}
