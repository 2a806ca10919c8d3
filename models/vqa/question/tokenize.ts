/**
 * Question text -> word tokens, with `natural`'s WordPunctTokenizer. The policy, in order:
 *   1. Unicode NFKC normalization and lower-casing ("Is the RED circle…" and "is the red circle" agree);
 *   2. WordPunctTokenizer splits runs of letters (Latin-1 accents included), runs of digits and single
 *      punctuation marks;
 *   3. punctuation tokens (no letter or digit) are dropped: "?" and "," carry nothing the word order
 *      does not, and GQA questions end in "?" or not at random;
 *   4. what remains must be 1 .. maxTokens words, else a QuestionError (never silent truncation: a cut
 *      question can flip its answer). Texts longer than MAX_QUESTION_CHARS are refused before tokenizing.
 * Unknown words are the vocabulary's business (question-vocabulary.ts), not the tokenizer's.
 */
import tokenizers from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { QuestionError } from '../errors/question-error.ts';

/** Longest question text accepted, in UTF-16 code units. */
export const MAX_QUESTION_CHARS = 1000;
/** Default word limit (the world's longest question has 17 words; GQA's about 30). */
export const DEFAULT_MAX_TOKENS = 32;

const tokenizer = new tokenizers.WordPunctTokenizer();
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The word tokens of `text` under the policy above. Throws QuestionError when empty or too long. */
export function tokenizeQuestion(text: string, maxTokens = DEFAULT_MAX_TOKENS): string[] {
  if (typeof text !== 'string') throw new QuestionError('vqa/question: the question must be a string');
  if (text.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(`vqa/question: the question has ${text.length} characters; at most ${MAX_QUESTION_CHARS} are accepted`);
  }
  const words = tokenizer.tokenize(text.normalize('NFKC').toLowerCase()).filter((token) => WORDLIKE.test(token));
  if (words.length === 0) throw new QuestionError('vqa/question: the question is empty (no words after tokenization)');
  if (words.length > maxTokens) {
    throw new QuestionError(`vqa/question: the question has ${words.length} words; the model reads at most ${maxTokens}`);
  }
  return words;
}
