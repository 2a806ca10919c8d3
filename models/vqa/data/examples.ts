/**
 * Questions encoded once for training and evaluation: token ids, answer class, image id. Questions the
 * tokenizer refuses (empty, overlong) are left out and counted, never silently cut.
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { isQuestionError } from '../errors/question-error.ts';
import type { AnswerVocabulary } from '../question/answer-vocabulary.ts';
import { PAD_ID, type QuestionVocabulary } from '../question/question-vocabulary.ts';
import { int64Writer } from '../features/int64.ts';

export interface Examples {
  readonly qids: readonly string[];
  readonly imageIds: readonly string[];
  readonly tokens: readonly Int32Array[];
  /** Answer class, -1 when the answer is outside the vocabulary (or absent). */
  readonly answers: Int32Array;
  /**
   * Objects the answer rests on (grounding supervision), from the GQA `annotations`: the answer's
   * objects, else the full answer's (for relation questions its subject only), else the question's;
   * empty = none (the scene as a whole, e.g. "no" to "is there a ...?" or a question about the background).
   */
  readonly groundTargets: readonly (readonly string[])[];
  /** Questions refused by the tokenizer, by reason. */
  readonly refused: Readonly<Record<string, number>>;
  /** Questions with at least one `<unk>` word. */
  readonly withUnknownWords: number;
}

export function encodeExamples(
  questions: Iterable<readonly [string, GqaQuestion]>,
  words: QuestionVocabulary,
  answers: AnswerVocabulary,
  options: { balancedOnly?: boolean } = {},
): Examples {
  const qids: string[] = [];
  const imageIds: string[] = [];
  const tokens: Int32Array[] = [];
  const answerIds: number[] = [];
  const groundTargets: string[][] = [];
  const refused: Record<string, number> = {};
  let withUnknownWords = 0;
  for (const [qid, q] of questions) {
    if (options.balancedOnly && q.isBalanced === false) continue;
    try {
      const encoded = words.encode(q.question);
      tokens.push(encoded.ids);
      if (encoded.unknown.length > 0) withUnknownWords++;
    } catch (error) {
      if (!isQuestionError(error)) throw error;
      const reason = error.message.replace(/\d+/g, 'N');
      refused[reason] = (refused[reason] ?? 0) + 1;
      continue;
    }
    qids.push(qid);
    imageIds.push(q.imageId);
    answerIds.push(q.answer === undefined ? -1 : answers.id(q.answer));
    groundTargets.push(groundTargetsOf(q));
  }
  return { qids, imageIds, tokens, answers: Int32Array.from(answerIds), groundTargets, refused, withUnknownWords };
}

function annotatedIds(part: Readonly<Record<string, string>> | undefined): string[] {
  if (!part) return [];
  return [...new Set(Object.values(part).flatMap((v) => v.split(',').map((id) => id.trim()).filter((id) => id.length > 0)))];
}

/** The object annotated at the lowest token position (the sentence's subject), if any. */
function firstMentioned(part: Readonly<Record<string, string>> | undefined): string[] {
  if (!part) return [];
  const start = (key: string) => Number.parseInt(key.split(':')[0] ?? key, 10);
  const first = Object.keys(part).sort((x, y) => start(x) - start(y))[0];
  return first === undefined ? [] : annotatedIds({ [first]: part[first]! }).slice(0, 1);
}

/**
 * See Examples.groundTargets. Relation questions (semantic type `rel`) whose answer is not an object
 * ("is the circle left or right of the square?") point at the subject only: a readout over both ends
 * of a relation sums "left of" and "right of" and loses which one holds.
 */
export function groundTargetsOf(q: GqaQuestion): string[] {
  const a = q.annotations;
  const answer = annotatedIds(a?.answer);
  if (answer.length > 0) return answer;
  if (q.types?.semantic === 'rel') {
    for (const part of [a?.fullAnswer, a?.question]) {
      const subject = firstMentioned(part);
      if (subject.length > 0) return subject;
    }
  }
  for (const part of [a?.fullAnswer, a?.question]) {
    const ids = annotatedIds(part);
    if (ids.length > 0) return ids;
  }
  return [];
}

export interface QuestionFeeds {
  readonly tokens: { data: BigInt64Array; dims: number[] };
  readonly token_pad: { data: Uint8Array; dims: number[] };
}

/** Token ids padded to the longest question of the batch; pad = 1 where there is no token. */
export function questionFeeds(tokenLists: readonly Int32Array[]): QuestionFeeds {
  const B = tokenLists.length;
  let L = 1;
  for (const t of tokenLists) L = Math.max(L, t.length);
  const data = int64Writer(B * L);
  const pad = new Uint8Array(B * L).fill(1);
  tokenLists.forEach((t, b) => {
    for (let i = 0; i < L; i++) data.set(b * L + i, i < t.length ? (t[i] as number) : PAD_ID);
    pad.fill(0, b * L, b * L + t.length);
  });
  return { tokens: { data: data.data, dims: [B, L] }, token_pad: { data: pad, dims: [B, L] } };
}

/** Answer classes as int64 (-1, not in the vocabulary, stays -1: the loss skips it). */
export function answerFeed(answers: ArrayLike<number>): { data: BigInt64Array; dims: number[] } {
  return { data: BigInt64Array.from(Array.from(answers), (a) => BigInt(a)), dims: [answers.length] };
}
