/**
 * Every question's answer by ordinal (its position in the questions file), in compact arrays: the
 * question id, the predicted answer interned as an integer, its confidence, the unanswered cause and the
 * unknown-word count. About 50 bytes per question, so 1M questions fit in ~50 MB; details and attention
 * stay in the journal. Filled in any order (a resumed run loads the journal first).
 */
import { AnswerVocabulary } from '../metrics/answer-vocabulary.ts';
import { UNANSWERED_CAUSES, type EvalAnswer } from './eval-types.ts';

const NONE = -1;

export class AnswerTable {
  private questionIds: (string | undefined)[] = [];
  private answerIds = new Int32Array(1024).fill(NONE);
  private confidences = new Float64Array(1024);
  /** 0 = answered, else 1 + index in UNANSWERED_CAUSES. */
  private causes = new Uint8Array(1024);
  private unknownWords = new Uint8Array(1024);
  private readonly answers = new AnswerVocabulary();
  private filled = 0;
  /** 1 + the highest ordinal set. */
  length = 0;

  set(ordinal: number, questionId: string, answer: EvalAnswer): void {
    this.reserve(ordinal + 1);
    if (this.answerIds[ordinal] === NONE) this.filled++;
    this.questionIds[ordinal] = questionId;
    this.answerIds[ordinal] = this.answers.intern(answer.prediction);
    this.confidences[ordinal] = answer.confidence;
    this.causes[ordinal] = answer.cause === undefined ? 0 : 1 + UNANSWERED_CAUSES.indexOf(answer.cause);
    this.unknownWords[ordinal] = Math.min(255, answer.unknownWords ?? 0);
    this.length = Math.max(this.length, ordinal + 1);
  }

  /** Questions with an answer. */
  get size(): number {
    return this.filled;
  }

  questionId(ordinal: number): string | undefined {
    return this.questionIds[ordinal];
  }

  /** The recorded answer (without detail and attention, which stay in the journal), or undefined. */
  get(ordinal: number): EvalAnswer | undefined {
    if (ordinal >= this.length || this.answerIds[ordinal] === NONE) return undefined;
    const cause = this.causes[ordinal]!;
    const unknown = this.unknownWords[ordinal]!;
    return {
      prediction: this.answers.text(this.answerIds[ordinal]!),
      confidence: this.confidences[ordinal]!,
      ...(cause > 0 ? { cause: UNANSWERED_CAUSES[cause - 1]! } : {}),
      ...(unknown > 0 ? { unknownWords: unknown } : {}),
    };
  }

  /** Official-format predictions of ordinals 0 .. count - 1, in file order (all must be set). */
  *predictions(count: number): Generator<{ questionId: string; prediction: string }> {
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const id = this.answerIds[ordinal];
      const questionId = this.questionIds[ordinal];
      if (id === undefined || id === NONE || questionId === undefined) throw new RangeError(`answer-table: question ${ordinal} has no answer`);
      yield { questionId, prediction: this.answers.text(id) };
    }
  }

  private reserve(n: number): void {
    if (n <= this.answerIds.length) return;
    let capacity = this.answerIds.length;
    while (capacity < n) capacity *= 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (size: number) => T): T => {
      const bigger = make(capacity);
      bigger.set(old);
      return bigger;
    };
    this.answerIds = grow(this.answerIds, (size) => new Int32Array(size).fill(NONE));
    this.confidences = grow(this.confidences, (size) => new Float64Array(size));
    this.causes = grow(this.causes, (size) => new Uint8Array(size));
    this.unknownWords = grow(this.unknownWords, (size) => new Uint8Array(size));
  }
}
