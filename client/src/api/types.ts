/**
 * The API's request and response shapes, taken from the server's zod schemas as types only (erased at
 * build time), so the page cannot drift from the contract it talks to over HTTP.
 */
import type {
  AnswerJsonRequest,
  AnswerResponse,
  EvaluationRequest,
  EvaluationStatusJson,
  Health,
  ModelInfo,
  SampleDetail,
  SampleSummary,
  SceneGraphResponse,
} from '../../../server/http/index.ts';

export type { AnswerJsonRequest, AnswerResponse, EvaluationRequest, EvaluationStatusJson, Health, ModelInfo, SampleDetail, SampleSummary, SceneGraphResponse };

/** One scene in the GQA scene-graph format (x, y = top-left, pixels), as the API sends and accepts it. */
export type Scene = AnswerResponse['sceneGraph'];
export type SceneObject = Scene['objects'][string];
export type SceneRelation = SceneObject['relations'][number];
export type GroundingRound = AnswerResponse['grounding'][number];
export type SymbolicResult = NonNullable<AnswerResponse['program']>;
export type SampleQuestion = SampleDetail['questions'][string];
export type SceneView = NonNullable<SceneGraphResponse['views']>[number];
export type Correspondence = NonNullable<SceneGraphResponse['correspondence']>[number];
export type GqaMetrics = NonNullable<EvaluationStatusJson['metrics']>;

export interface SampleList {
  count: number;
  world: { name: string; split: string; seed: number | string };
  samples: SampleSummary[];
}

export interface Prediction {
  questionId: string;
  prediction: string;
}

/** Which answerer the server should use (`auto`: the model when loaded, else the executor). */
export type Answerer = 'auto' | 'model' | 'symbolic';
