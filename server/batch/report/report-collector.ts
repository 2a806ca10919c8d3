/**
 * Gathers the report's extra tables while questions stream by, in bounded memory: counts over every
 * question, (gold, predicted) pair counts of the wrong ones, the K worst questions (wrong, highest
 * confidence first, then file order), and the first few unanswered questions of each cause.
 * Deterministic for a given sequence of questions, so a resumed run reports what an uninterrupted one does.
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import type { ConfusedPair, ReportOverall, ReportQuestion, UnansweredSample } from './report-data.ts';

export interface CollectedAnswer {
  readonly prediction: string;
  /** Null when the predictions carry none. */
  readonly confidence: number | null;
  /** Why there is no prediction (unanswered questions only). */
  readonly cause?: string;
  readonly unknownWords?: number;
}

export interface ReportCollectorOptions {
  /** Worst questions kept (default 20). */
  readonly worst?: number;
  /** Confused pairs listed (default 15). */
  readonly confusions?: number;
  /** Unanswered questions listed per cause (default 5). */
  readonly samplesPerCause?: number;
}

export interface CollectedReport {
  readonly overall: ReportOverall;
  readonly confusions: readonly ConfusedPair[];
  readonly wrong: number;
  readonly worst: readonly ReportQuestion[];
  readonly unanswered: readonly UnansweredSample[];
}

const SEPARATOR = '\u0000';

/** Whether `a` ranks before `b` among the worst: higher confidence, then earlier in the file. */
function ranksBefore(a: ReportQuestion, b: ReportQuestion): boolean {
  const ca = a.confidence ?? -1;
  const cb = b.confidence ?? -1;
  return ca !== cb ? ca > cb : a.ordinal < b.ordinal;
}

export class ReportCollector {
  private readonly worstLimit: number;
  private readonly confusionLimit: number;
  private readonly samplesPerCause: number;
  private questions = 0;
  private withGold = 0;
  private correct = 0;
  private answered = 0;
  private withUnknownWords = 0;
  private wrong = 0;
  private readonly unansweredCounts = new Map<string, number>();
  private readonly samples: UnansweredSample[] = [];
  private readonly pairs = new Map<string, number>();
  private readonly worst: ReportQuestion[] = [];

  constructor(options: ReportCollectorOptions = {}) {
    this.worstLimit = options.worst ?? 20;
    this.confusionLimit = options.confusions ?? 15;
    this.samplesPerCause = options.samplesPerCause ?? 5;
  }

  add(ordinal: number, questionId: string, question: GqaQuestion, answer: CollectedAnswer): void {
    this.questions++;
    if (answer.prediction !== '') this.answered++;
    if ((answer.unknownWords ?? 0) > 0) this.withUnknownWords++;
    if (answer.cause !== undefined) {
      const seen = this.unansweredCounts.get(answer.cause) ?? 0;
      this.unansweredCounts.set(answer.cause, seen + 1);
      if (seen < this.samplesPerCause) this.samples.push({ questionId, question: question.question, cause: answer.cause, detail: undefined });
    }
    const gold = question.answer;
    if (gold === undefined) return;
    this.withGold++;
    if (answer.prediction === gold) {
      this.correct++;
      return;
    }
    this.wrong++;
    const key = `${gold}${SEPARATOR}${answer.prediction}`;
    this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
    if (answer.prediction !== '') this.considerWorst(ordinal, questionId, question, answer);
  }

  /** Fills in the detail of a sampled unanswered question (details live in the journal). */
  setDetail(questionId: string, detail: string): void {
    const index = this.samples.findIndex((s) => s.questionId === questionId);
    if (index >= 0) this.samples[index] = { ...this.samples[index]!, detail };
  }

  /** Whether `questionId` is among the sampled unanswered questions. */
  isSampled(questionId: string): boolean {
    return this.samples.some((s) => s.questionId === questionId);
  }

  result(): CollectedReport {
    const confusions = [...this.pairs]
      .map(([key, count]) => {
        const [gold, predicted] = key.split(SEPARATOR) as [string, string];
        return { gold, predicted, count };
      })
      .sort((a, b) => b.count - a.count || (a.gold < b.gold ? -1 : a.gold > b.gold ? 1 : a.predicted < b.predicted ? -1 : a.predicted > b.predicted ? 1 : 0))
      .slice(0, this.confusionLimit);
    return {
      overall: {
        questions: this.questions,
        withGold: this.withGold,
        correct: this.correct,
        answered: this.answered,
        unanswered: Object.fromEntries([...this.unansweredCounts].sort((a, b) => b[1] - a[1])),
        withUnknownWords: this.withUnknownWords,
      },
      confusions,
      wrong: this.wrong,
      worst: [...this.worst],
      unanswered: [...this.samples],
    };
  }

  private considerWorst(ordinal: number, questionId: string, question: GqaQuestion, answer: CollectedAnswer): void {
    if (this.worstLimit === 0) return;
    const candidate: ReportQuestion = {
      ordinal,
      questionId,
      imageId: question.imageId,
      question: question.question,
      gold: question.answer,
      prediction: answer.prediction,
      confidence: answer.confidence,
      structural: question.types?.structural ?? null,
      semantic: question.types?.semantic ?? null,
      program: question.semantic,
    };
    const list = this.worst;
    if (list.length === this.worstLimit && !ranksBefore(candidate, list[list.length - 1]!)) return;
    let at = list.length;
    while (at > 0 && ranksBefore(candidate, list[at - 1]!)) at--;
    list.splice(at, 0, candidate);
    if (list.length > this.worstLimit) list.pop();
  }
}
