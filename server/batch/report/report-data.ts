/**
 * What a GQA evaluation report shows (report.md and report.html render the same data): the run, the
 * official metrics and their breakdowns (GqaMetrics), plus what the metrics do not say: accuracy over
 * every question with a gold answer, the most confused answer pairs, the worst questions (wrong with the
 * highest confidence) with links to their image, graph and executor trace, the unanswered questions and
 * the images that failed.
 */
import type { GqaMetrics } from '../metrics/gqa-metrics.ts';

export interface ReportRun {
  /** The command that produced the report (`sgvqa eval`, `sgvqa score`). */
  readonly command: string;
  readonly createdAt: string;
  /** Label / value pairs: inputs, answerer, timing. */
  readonly facts: readonly (readonly [string, string])[];
  /** Things a reader must know (grounding not computed and why, resumed run, ...). */
  readonly notes: readonly string[];
}

/** Counts over every question of the run (balanced or not), beside the official balanced-only metrics. */
export interface ReportOverall {
  readonly questions: number;
  /** Questions with a gold answer, and of those answered correctly. */
  readonly withGold: number;
  readonly correct: number;
  /** Questions with a (non-empty) prediction. */
  readonly answered: number;
  /** Unanswered questions by cause. */
  readonly unanswered: Readonly<Record<string, number>>;
  /** Questions with words the model read as `<unk>`. */
  readonly withUnknownWords: number;
}

export interface ConfusedPair {
  readonly gold: string;
  /** `''` = no answer. */
  readonly predicted: string;
  readonly count: number;
}

/** A question picked for the report, with what is needed to show and trace it. */
export interface ReportQuestion {
  readonly ordinal: number;
  readonly questionId: string;
  readonly imageId: string;
  readonly question: string;
  readonly gold: string | undefined;
  readonly prediction: string;
  /** Null when unknown (a predictions file has none). */
  readonly confidence: number | null;
  readonly structural: string | null;
  readonly semantic: string | null;
  /** The GQA program, for the executor trace. */
  readonly program: readonly { operation: string; argument: string; dependencies: number[] }[] | undefined;
}

export interface UnansweredSample {
  readonly questionId: string;
  readonly question: string;
  readonly cause: string;
  readonly detail: string | undefined;
}

export interface FailedImage {
  readonly imageId: string;
  readonly file: string | undefined;
  readonly cause: string;
  readonly message: string;
}

/** One step of an executor trace, in words. */
export interface TraceStep {
  readonly step: number;
  readonly operation: string;
  readonly argument: string;
  readonly value: string;
}

export interface QuestionTrace {
  readonly questionId: string;
  readonly anchor: string;
  readonly question: string;
  readonly steps: readonly TraceStep[];
  /** `answer: red`, or why the executor stopped. */
  readonly outcome: string;
}

export interface WorstQuestion extends ReportQuestion {
  /** Relative links (from the report's folder): image file, graph JSON, trace anchor. */
  readonly links: { readonly image?: string; readonly graph?: string; readonly trace?: string };
}

export interface EvaluationReport {
  readonly run: ReportRun;
  readonly metrics: GqaMetrics;
  readonly overall: ReportOverall;
  readonly confusions: readonly ConfusedPair[];
  /** Wrong questions with a gold answer (the confusions' total). */
  readonly wrong: number;
  readonly worst: readonly WorstQuestion[];
  readonly traces: readonly QuestionTrace[];
  readonly unanswered: readonly UnansweredSample[];
  readonly failedImages: readonly FailedImage[];
  readonly failedImageCount: number;
}
