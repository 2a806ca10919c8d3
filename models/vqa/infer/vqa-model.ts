/**
 * A trained VQA model on disk: `vqa.onnx` (inference graph, parameters inside) and `vqa.json` (the
 * models/nn inference manifest, checked by sha256, whose `extra` holds the vocabularies, the training
 * config and the measured metrics). Loading rebuilds the vocabularies and opens one session.
 */
import { existsSync } from 'node:fs';
import { readInferenceManifest, type InferenceManifest } from '../../nn/runtime/index.ts';
import { VqaModelError } from '../errors/vqa-model-error.ts';
import { graphVocabulariesFromJSON } from '../features/graph-vocabularies.ts';
import { AnswerVocabulary } from '../question/answer-vocabulary.ts';
import { QuestionVocabulary } from '../question/question-vocabulary.ts';
import { LocationClassifier } from '../scene/location-classifier.ts';
import type { VqaVocabularies } from '../train/train-vqa.ts';
import { VQA_MANIFEST_KIND } from '../train/vqa-manifest-kind.ts';
import { VqaSession } from './vqa-session.ts';

export interface VqaModel {
  readonly path: string;
  readonly manifest: InferenceManifest;
  readonly vocabularies: VqaVocabularies;
  /** Reasoning rounds T (grounding has T + 1 columns: the rounds, then the readout). */
  readonly rounds: number;
  readonly session: VqaSession;
  /** The classifier that gives predicted graphs their location (null when the model was trained without one). */
  readonly locations: LocationClassifier | null;
  release(): Promise<void>;
}

export async function loadVqaModel(onnxPath: string, options: { threads?: number } = {}): Promise<VqaModel> {
  if (!existsSync(onnxPath)) throw new VqaModelError(`vqa/model: no model file at ${onnxPath}`);
  let manifest: InferenceManifest;
  try {
    manifest = await readInferenceManifest(onnxPath);
  } catch (error) {
    throw new VqaModelError(`vqa/model: ${(error as Error).message}`, { cause: error });
  }
  const extra = manifest.extra as { kind?: string; vocabularies?: { words?: unknown; answers?: unknown; graph?: unknown }; sceneLocation?: unknown } | null;
  if (extra?.kind !== VQA_MANIFEST_KIND || !extra.vocabularies) {
    throw new VqaModelError(`vqa/model: ${onnxPath}'s manifest is not a VQA model manifest (extra.kind must be "${VQA_MANIFEST_KIND}")`);
  }
  const vocabularies: VqaVocabularies = {
    words: QuestionVocabulary.fromJSON(extra.vocabularies.words),
    answers: AnswerVocabulary.fromJSON(extra.vocabularies.answers),
    graph: graphVocabulariesFromJSON(extra.vocabularies.graph),
  };
  const network = (manifest.config as { network?: { rounds?: number } } | null)?.network;
  if (!Number.isInteger(network?.rounds)) throw new VqaModelError(`vqa/model: ${onnxPath}'s manifest lacks config.network.rounds`);
  const locations = extra.sceneLocation ? LocationClassifier.fromJSON(extra.sceneLocation) : null;
  const session = await VqaSession.fromModel(onnxPath, options.threads);
  return { path: onnxPath, manifest, vocabularies, rounds: network!.rounds!, session, locations, release: () => session.release() };
}
