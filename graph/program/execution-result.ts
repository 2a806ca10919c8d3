/**
 * What running a program gives: an answer with the trace of every step, or an explicit `unsupported`
 * naming the step that could not be executed and why. Never a silent guess.
 */

/** The value a step produced: object ids (for grounding), the scene, yes/no, or a word. */
export type StepValue =
  | { kind: 'objects'; ids: readonly string[] }
  | { kind: 'scene' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string };

export interface StepTrace {
  /** Index of the step in the program. */
  step: number;
  /** GQA operation of the step (`filter color`, `relate`, ...). */
  operation: string;
  value: StepValue;
}

/**
 * Why a step could not be executed:
 * - `operation`: the operation is unknown (parsed into an `unknown` step);
 * - `argument`: the operation is known but not this argument (a category missing from the ontology, a
 *   comparative without a rule, a scene field that does not exist);
 * - `empty`: the step needs an object and its input set is empty (usual on predicted graphs);
 * - `undecidable`: the graph lacks what the step needs: no value in the category, no option or more
 *   than one option holds, a scene field is not set;
 * - `no-answer`: the program ends in an object set or the scene, not in an answer.
 */
export type UnsupportedCause = 'operation' | 'argument' | 'empty' | 'undecidable' | 'no-answer';

export interface AnswerResult {
  kind: 'answer';
  /** GQA-style answer: lower-case; `yes` / `no` for yes/no steps. */
  answer: string;
  trace: StepTrace[];
}

export interface UnsupportedResult {
  kind: 'unsupported';
  /** GQA operation of the failing step. */
  operation: string;
  /** Index of the failing step. */
  step: number;
  cause: UnsupportedCause;
  reason: string;
  /** Trace of the steps before the failing one. */
  trace: StepTrace[];
}

export type ExecutionResult = AnswerResult | UnsupportedResult;
