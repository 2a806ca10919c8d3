/**
 * The contracts of the batch evaluation core (evaluate-questions.ts), shared by `sgvqa eval` and the
 * API's evaluation jobs: where a question's scene graph comes from (GraphProvider), what answers it
 * (QuestionAnswerer), and what comes out per question (EvalAnswer).
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';

/** One question of the questions file; `ordinal` is its position in the file (0-based). */
export interface EvalQuestion {
  readonly ordinal: number;
  readonly questionId: string;
  readonly question: GqaQuestion;
}

/**
 * Why a question got no answer (its prediction is empty and counts as wrong):
 * - `no-graph`: no scene graph for its image (not in the scene-graphs file, no image file);
 * - `bad-image`: the image file could not be decoded (empty, corrupt, truncated, over the pixel limit);
 * - `bad-graph`: the scene graph is malformed (a relation to a missing object);
 * - `unreadable-question`: the model cannot read it (no word left, more words than it takes, every word
 *   unknown to it);
 * - `no-program` / `bad-program`: the executor needs a `semantic` program and it is absent or malformed;
 * - the executor's own causes (`operation`, `argument`, `empty`, `undecidable`, `no-answer`, see
 *   graph/program's UnsupportedCause).
 */
export type UnansweredCause =
  | 'no-graph'
  | 'bad-image'
  | 'bad-graph'
  | 'unreadable-question'
  | 'no-program'
  | 'bad-program'
  | 'operation'
  | 'argument'
  | 'empty'
  | 'undecidable'
  | 'no-answer';

/** Every cause, in a fixed order (their codes in compact tables). */
export const UNANSWERED_CAUSES: readonly UnansweredCause[] = [
  'no-graph', 'bad-image', 'bad-graph', 'unreadable-question', 'no-program', 'bad-program',
  'operation', 'argument', 'empty', 'undecidable', 'no-answer',
];

/** `[objectId, weight]`: attention on one object of the question's graph (grounding, see METRICS.md). */
export type ObjectAttention = readonly [string, number];

export interface EvalAnswer {
  /** The official prediction; `''` when unanswered. */
  readonly prediction: string;
  /** Probability of the predicted answer (the executor: 1 when it answers); 0 when unanswered. */
  readonly confidence: number;
  readonly cause?: UnansweredCause;
  /** Why, in words (the tokenizer's or executor's message, the image error). */
  readonly detail?: string;
  /** Words of the question the model read as `<unk>`. */
  readonly unknownWords?: number;
  /** Objects attended to (the model's readout attention, the executor's last object set), when asked for. */
  readonly attention?: readonly ObjectAttention[];
}

/** A question and its answer; `reused` = taken from an earlier run's journal, not answered again. */
export interface AnsweredQuestion {
  readonly question: EvalQuestion;
  readonly answer: EvalAnswer;
  readonly reused: boolean;
}

/** The questions answered together; `seq` numbers batches from 0 in processing order. */
export interface AnsweredBatch {
  readonly seq: number;
  readonly entries: readonly AnsweredQuestion[];
}

export interface QuestionOnGraph {
  readonly question: EvalQuestion;
  readonly graph: SceneGraph;
}

/**
 * Answers questions on their scene graphs, a batch at a time, one answer per item in item order.
 * Problems with one question (unreadable, no program) are answers with a `cause`, never exceptions.
 */
export interface QuestionAnswerer {
  /** `symbolic`, or the model's name. */
  readonly name: string;
  answerBatch(items: readonly QuestionOnGraph[]): Promise<EvalAnswer[]>;
}

export type GraphOutcome =
  | { readonly kind: 'graph'; readonly graph: SceneGraph }
  | { readonly kind: 'failed'; readonly cause: 'no-graph' | 'bad-image' | 'bad-graph'; readonly message: string };

/** Where the graphs come from: a scene-graphs file, an image folder through the generator, a lookup. */
export interface GraphProvider {
  /** The graph (or why there is none) of each image, yielded in the order asked; each id at most once. */
  graphs(imageIds: readonly string[]): AsyncIterable<readonly [string, GraphOutcome]>;
}
