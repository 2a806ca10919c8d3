/**
 * The one question-answering entry point used by the CLI (`sgvqa ask`), the HTTP API and the page:
 *
 *   answer(pipeline, {image} | {sceneGraph}, question) -> {answer, confidence, topK, grounding, sceneGraph, timings}
 *
 * An image goes through the scene-graph generator (and the location classifier) first; a scene graph is
 * answered as given. Behaviour at the edges, all tested:
 * - empty question (no word after tokenization) or more words than the model reads: QuestionError;
 * - unknown words: answered with `<unk>` in their place, listed in `unknownWords` and in `warnings`;
 * - a graph with no objects: answered from the scene node alone (e.g. "no" to "is there a circle?"),
 *   grounding lists no objects, and `warnings` says so;
 * - an image without a generator in the pipeline: VqaModelError.
 * Grounding: for every reasoning round and for the final readout, the attention weight of each object
 * (and of the scene node); each round's weights sum to 1.
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { BatchBuilder } from '../data/batch-builder.ts';
import { type Examples } from '../data/examples.ts';
import { annotatedSource } from '../data/graph-source.ts';
import { VqaModelError } from '../errors/vqa-model-error.ts';
import { type SceneGraphPredictor, predictSceneGraph } from '../views/scene-graph-predictor.ts';
import type { VqaModel } from './vqa-model.ts';

export interface AnswerPipeline {
  readonly model: VqaModel;
  /** Needed to answer about images. */
  readonly generator?: SceneGraphPredictor;
}

export type AnswerInput =
  | { readonly image: Uint8Array; readonly imageId?: string }
  | { readonly sceneGraph: SceneGraph };

export interface GroundedObject {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
}

export interface RoundGrounding {
  /** 1..T for reasoning rounds, T + 1 for the readout. */
  readonly round: number;
  readonly kind: 'round' | 'readout';
  /** Objects by decreasing weight. */
  readonly objects: readonly GroundedObject[];
  /** Weight on the scene node (the image as a whole). */
  readonly scene: number;
}

export interface AnswerResult {
  readonly question: string;
  readonly tokens: readonly string[];
  readonly unknownWords: readonly string[];
  readonly answer: string;
  readonly confidence: number;
  readonly topK: readonly { answer: string; p: number }[];
  readonly grounding: readonly RoundGrounding[];
  readonly sceneGraph: SceneGraph;
  readonly warnings: readonly string[];
  /** Milliseconds per stage. */
  readonly timings: { sceneGraph: number; question: number; tensorize: number; model: number; total: number };
}

export interface AnswerOptions {
  /** Answers listed in topK (default 5). */
  readonly topK?: number;
}

export async function answer(pipeline: AnswerPipeline, input: AnswerInput, question: string, options: AnswerOptions = {}): Promise<AnswerResult> {
  const t0 = performance.now();
  const { model } = pipeline;
  const encoded = model.vocabularies.words.encode(question);
  const t1 = performance.now();
  let graph: SceneGraph;
  if ('image' in input) {
    if (!pipeline.generator) throw new VqaModelError('vqa/answer: answering about an image needs a scene-graph generator');
    graph = await predictSceneGraph(pipeline.generator, input.image, input.imageId ?? 'image', model.locations ?? undefined);
  } else {
    graph = input.sceneGraph;
  }
  const t2 = performance.now();
  const imageId = graph.getAttribute('imageId');
  const examples: Examples = { qids: ['q'], imageIds: [imageId], tokens: [encoded.ids], answers: Int32Array.of(-1), groundTargets: [[]], refused: {}, withUnknownWords: 0 };
  const { feeds } = new BatchBuilder(model.vocabularies.graph, 0).evaluation(examples, [0], annotatedSource(new Map([[imageId, graph]])));
  const t3 = performance.now();
  const out = await model.session.run(feeds);
  const t4 = performance.now();

  const answers = model.vocabularies.answers;
  const ranked = Array.from(out.probs, (p, a) => ({ answer: answers.answer(a), p })).sort((x, y) => y.p - x.p);
  const objects = graph.mapNodes((id, attrs) => ({ id, name: attrs.name }));
  const columns = out.groundingColumns;
  const grounding: RoundGrounding[] = [];
  for (let c = 0; c < columns; c++) {
    const weights = objects.map((o, row) => ({ ...o, weight: out.grounding[row * columns + c] as number })).sort((x, y) => y.weight - x.weight);
    grounding.push({ round: c + 1, kind: c === columns - 1 ? 'readout' : 'round', objects: weights, scene: out.grounding[objects.length * columns + c] as number });
  }
  const warnings: string[] = [];
  if (encoded.unknown.length > 0) warnings.push(`unknown words (read as <unk>): ${encoded.unknown.join(', ')}`);
  if (objects.length === 0) warnings.push('the scene graph has no objects; the answer comes from the scene alone');
  return {
    question,
    tokens: encoded.tokens,
    unknownWords: encoded.unknown,
    answer: ranked[0]!.answer,
    confidence: ranked[0]!.p,
    topK: ranked.slice(0, options.topK ?? 5),
    grounding,
    sceneGraph: graph,
    warnings,
    timings: { question: t1 - t0, sceneGraph: t2 - t1, tensorize: t3 - t2, model: t4 - t3, total: t4 - t0 },
  };
}
