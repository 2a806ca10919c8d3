/**
 * The word vocabulary of the question encoder, built from the training questions.
 * Ids: 0 = `<pad>` (fills a batch row past its question), 1 = `<unk>` (a word not seen in training, or
 * seen fewer than `minCount` times), then the words in sorted order (deterministic, locale-free).
 * Unknown words are not an error: they become `<unk>` and are listed in `unknown` so callers can show
 * them (an answer to a question with unknown words is a guess about the rest of the question).
 */
import { VqaModelError } from '../errors/vqa-model-error.ts';
import { DEFAULT_MAX_TOKENS, tokenizeQuestion } from './tokenize.ts';

export const PAD = '<pad>';
export const UNK_WORD = '<unk>';
export const PAD_ID = 0;
export const UNK_ID = 1;

export interface QuestionVocabularyJson {
  words: string[];
  maxTokens: number;
}

export interface EncodedQuestion {
  /** The words after tokenization. */
  tokens: string[];
  /** Word ids, one per token (UNK_ID for unknown words). */
  ids: Int32Array;
  /** The tokens that mapped to `<unk>`, in order. */
  unknown: string[];
}

export class QuestionVocabulary {
  /** Every entry in id order, `<pad>` and `<unk>` included. */
  readonly words: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(words: readonly string[], readonly maxTokens: number) {
    this.words = [PAD, UNK_WORD, ...words];
    this.ids = new Map(this.words.map((w, i) => [w, i]));
  }

  /** Words of `questions` seen at least `minCount` times (default 1). Questions that fail to tokenize are skipped. */
  static build(questions: Iterable<string>, options: { minCount?: number; maxTokens?: number } = {}): QuestionVocabulary {
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    const counts = new Map<string, number>();
    for (const text of questions) {
      let tokens: string[];
      try {
        tokens = tokenizeQuestion(text, maxTokens);
      } catch {
        continue;
      }
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const minCount = options.minCount ?? 1;
    const words = [...counts].filter(([, n]) => n >= minCount).map(([w]) => w).sort();
    return new QuestionVocabulary(words, maxTokens);
  }

  static fromJSON(json: unknown): QuestionVocabulary {
    const value = json as Partial<QuestionVocabularyJson> | null;
    if (value === null || typeof value !== 'object' || !Array.isArray(value.words) || !value.words.every((w) => typeof w === 'string')
      || !Number.isInteger(value.maxTokens) || (value.maxTokens as number) < 1) {
      throw new VqaModelError('vqa/question-vocabulary: expected {words: string[], maxTokens: positive integer}');
    }
    if (value.words.includes(PAD) || value.words.includes(UNK_WORD) || new Set(value.words).size !== value.words.length) {
      throw new VqaModelError('vqa/question-vocabulary: words repeat or include <pad> / <unk>');
    }
    return new QuestionVocabulary(value.words, value.maxTokens as number);
  }

  get size(): number {
    return this.words.length;
  }

  id(word: string): number {
    return this.ids.get(word) ?? UNK_ID;
  }

  /** Tokenizes and looks up; throws QuestionError for empty or overlong questions. */
  encode(text: string): EncodedQuestion {
    const tokens = tokenizeQuestion(text, this.maxTokens);
    const ids = new Int32Array(tokens.length);
    const unknown: string[] = [];
    tokens.forEach((t, i) => {
      const id = this.ids.get(t);
      ids[i] = id === undefined || id <= UNK_ID ? UNK_ID : id;
      if (ids[i] === UNK_ID) unknown.push(t);
    });
    return { tokens, ids, unknown };
  }

  toJSON(): QuestionVocabularyJson {
    return { words: this.words.slice(2), maxTokens: this.maxTokens };
  }
}
