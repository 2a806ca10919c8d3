/**
 * The answer vocabulary: the classifier's classes, the distinct answers of the training questions in
 * sorted order (answers are lower-cased GQA words such as "yes", "circle", "left"). An answer outside
 * it cannot be predicted; training skips such questions' loss (id -1) and evaluation counts them wrong.
 */
import { VqaModelError } from '../errors/vqa-model-error.ts';

export class AnswerVocabulary {
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(readonly answers: readonly string[]) {
    if (answers.length < 2) throw new VqaModelError(`vqa/answer-vocabulary: needs at least 2 answers, got ${answers.length}`);
    this.ids = new Map(answers.map((a, i) => [a, i]));
    if (this.ids.size !== answers.length) throw new VqaModelError('vqa/answer-vocabulary: repeated answer');
  }

  static build(answers: Iterable<string>): AnswerVocabulary {
    return new AnswerVocabulary([...new Set(answers)].sort());
  }

  static fromJSON(json: unknown): AnswerVocabulary {
    if (!Array.isArray(json) || !json.every((a) => typeof a === 'string')) {
      throw new VqaModelError('vqa/answer-vocabulary: expected a list of answer strings');
    }
    return new AnswerVocabulary(json);
  }

  get size(): number {
    return this.answers.length;
  }

  /** The class of `answer`, or -1 when the vocabulary lacks it. */
  id(answer: string): number {
    return this.ids.get(answer) ?? -1;
  }

  answer(id: number): string {
    const a = this.answers[id];
    if (a === undefined) throw new VqaModelError(`vqa/answer-vocabulary: id ${id} out of range 0..${this.answers.length - 1}`);
    return a;
  }

  toJSON(): string[] {
    return [...this.answers];
  }
}
