/** Streaming reader of attention files (`[{questionId, attention}]`, see metrics/attention-schema.ts). */
import { GraphFormatError } from '../../graph/errors/graph-format-error.ts';
import type { ReadOptions } from '../../graph/formats/gqa-files.ts';
import { parseWith } from '../../graph/formats/gqa-schema.ts';
import { streamJsonArray, type JsonSource } from '../../graph/formats/json-stream.ts';
import { QuestionAttentionSchema, type QuestionAttention } from './metrics/attention-schema.ts';

/** Each entry, validated (bad fields are reported with their JSON path); a repeated questionId is an error. */
export async function* readAttentions(source: JsonSource, options: ReadOptions = {}): AsyncGenerator<QuestionAttention> {
  const file = typeof source === 'string' ? source : undefined;
  const seen = new Set<string>();
  for await (const [index, value] of streamJsonArray(source, { ...options, file })) {
    const entry = parseWith(QuestionAttentionSchema, value, [index], file);
    if (seen.has(entry.questionId)) throw new GraphFormatError(`duplicate questionId "${entry.questionId}"`, [index, 'questionId'], file);
    seen.add(entry.questionId);
    yield entry;
  }
}
