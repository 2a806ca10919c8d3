/**
 * What the server needs from the learned models, as two small interfaces, so routes never depend on how
 * a model is built: a scene-graph extractor (image -> predicted SceneGraph with scores) and an answerer
 * (SceneGraph + question -> answer with grounding). models/sgg and models/vqa are adapted to these in
 * load-models.ts; a missing model is reported, never replaced by a stand-in.
 */
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { CheckedImage } from '../images/decode-image.ts';

/** Stage name -> milliseconds (e.g. `{ preprocess: 0.8, onnx: 3.1, decode: 0.4 }`). */
export type Timings = Record<string, number>;

/** Name, version and manifest of a loaded model, for GET /model. */
export interface ModelDescription {
  name: string;
  version: string;
  /** The .onnx file the model was loaded from. */
  file: string;
  manifest: unknown;
}

export interface ExtractedSceneGraph {
  graph: SceneGraph;
  timings: Timings;
}

/** One augmented view of an image, its predicted graph and the transform that made it. */
export interface SceneGraphView {
  /** PNG bytes of the augmented image. */
  png: Buffer;
  graph: SceneGraph;
  transform: Record<string, unknown>;
}

/** A node of view A matched to a node of view B (box overlap under the known transform). */
export interface NodeCorrespondence {
  a: string;
  b: string;
  score: number;
}

export interface SceneGraphViews {
  views: SceneGraphView[];
  correspondence: NodeCorrespondence[];
  timings: Timings;
}

/**
 * Image -> predicted scene graph. The image's header has been checked (format, pixel limit); the
 * extractor decodes it and reports undecodable data as an HttpError 422 `invalid_image`.
 */
export interface SceneGraphExtractor {
  readonly description: ModelDescription;
  extract(image: CheckedImage, imageId: string): Promise<ExtractedSceneGraph>;
  /** Two augmented views and their node correspondence, when the model package provides views. */
  views?(image: CheckedImage, imageId: string): Promise<SceneGraphViews>;
  /** Releases the ONNX session. */
  dispose?(): Promise<void>;
}

/** Attention of one reasoning round (or the readout) over the graph's objects and the scene node. */
export interface GroundingRound {
  round: number;
  kind: 'round' | 'readout';
  scene: number;
  objects: { id: string; name: string; weight: number }[];
}

export interface ModelAnswer {
  answer: string;
  confidence: number;
  topK: { answer: string; p: number }[];
  grounding: GroundingRound[];
  unknownWords: string[];
  warnings: string[];
  timings: Timings;
}

/** An image's predicted graph (GQA JSON) and the answer on it, from one call. */
export interface ImageAnswer {
  imageId: string;
  scene: GqaScene;
  answer: ModelAnswer;
  /** The generator's stages (the answer carries its own). */
  timings: Timings;
}

export interface Answerer {
  readonly description: ModelDescription;
  answer(graph: SceneGraph, question: string): Promise<ModelAnswer>;
  /**
   * Predict the graph and answer in one step, where the two models live together (an inference worker):
   * one round trip instead of two, and the graph crosses threads once.
   */
  answerImage?(image: CheckedImage, imageId: string, question: string): Promise<ImageAnswer>;
  dispose?(): Promise<void>;
}

/** The models a server runs with; `unavailable` says why a missing one is missing. */
export interface LoadedModels {
  extractor: SceneGraphExtractor | undefined;
  answerer: Answerer | undefined;
  unavailable: { sgg?: string; vqa?: string };
}
