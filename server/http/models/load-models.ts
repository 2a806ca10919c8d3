/**
 * Loads the shipped models (models/pretrained) behind the server's model ports. A model that is absent
 * or fails to load is reported in `unavailable` with the reason; the endpoints that need it then answer
 * 503 `model_unavailable` with that reason. Nothing is faked in its place.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { LoadedModels } from './model-ports.ts';

export interface ModelFiles {
  /** Scene-graph generator .onnx (default `<modelsDir>/sgg.onnx`). */
  sgg?: string;
  /** VQA model .onnx (default `<modelsDir>/vqa.onnx`). */
  vqa?: string;
}

/** A path for messages clients see: relative to the working directory, never the server's full layout. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? basename(file) : rel;
}

export async function loadModels(modelsDir: string, files: ModelFiles = {}): Promise<LoadedModels> {
  const sggFile = files.sgg ?? join(modelsDir, 'sgg.onnx');
  const vqaFile = files.vqa ?? join(modelsDir, 'vqa.onnx');
  const unavailable: LoadedModels['unavailable'] = {};
  // models/sgg and models/vqa (issues 5 and 6) have not landed in this checkout yet; their adapters are
  // added here as soon as they do.
  unavailable.sgg = existsSync(sggFile)
    ? `the scene-graph generator code (models/sgg) is not part of this build yet`
    : `no scene-graph generator at ${shown(sggFile)} (models/sgg is not built yet)`;
  unavailable.vqa = existsSync(vqaFile)
    ? `the VQA model code (models/vqa) is not part of this build yet`
    : `no VQA model at ${shown(vqaFile)} (models/vqa is not built yet)`;
  return { extractor: undefined, answerer: undefined, unavailable };
}
