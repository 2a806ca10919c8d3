/**
 * The VQA model as a QuestionAnswerer: one onnxruntime run per batch (the same feeds as models/vqa's
 * `predictExamples` and `answer()`: questionFeeds + graphFeeds over the batch's graphs, one graph per
 * question), arg-max answer and its probability per question.
 *
 * A question the model cannot read is answered with no prediction and cause `unreadable-question`, and
 * never reaches the model: the tokenizer refuses it (no word, more words than the model takes), or every
 * one of its words is unknown to the model (the answer would be a guess from the graph alone). Questions
 * with some unknown words are answered; the count is reported.
 *
 * Attention (grounding), when asked for: the readout column of the model's grounding output, per object
 * of the question's graph, weights rounded to 1e-6 (each column sums to 1 with the scene node, which is
 * left out: it is no region).
 *
 * Shapes: B questions, L tokens; probs [B, A]; grounding [N + B, T + 1] (object rows of graph b at
 * objectOffsets[b] .. objectOffsets[b + 1] - 1, then one scene row per graph).
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
// Single modules rather than models/vqa's barrels: the barrels load the whole training stack, and every
// `sgvqa` command imports server/batch.
import { questionFeeds } from '../../../models/vqa/data/examples.ts';
import { isQuestionError } from '../../../models/vqa/errors/question-error.ts';
import { buildGraphInputs, graphFeeds } from '../../../models/vqa/features/graph-inputs.ts';
import type { VqaModel } from '../../../models/vqa/infer/index.ts';
import type { EvalAnswer, ObjectAttention, QuestionAnswerer, QuestionOnGraph } from './eval-types.ts';
import type { VqaRunner } from './worker-session.ts';

export interface VqaModelAnswererOptions {
  readonly withAttention?: boolean;
  /** Where the model runs (default the model's own session; worker-session.ts runs it in a worker thread). */
  readonly runner?: VqaRunner;
}

const ATTENTION_DIGITS = 1e6;

export class VqaModelAnswerer implements QuestionAnswerer {
  readonly name: string;
  private readonly withAttention: boolean;
  private readonly runner: VqaRunner;

  constructor(private readonly model: VqaModel, options: VqaModelAnswererOptions = {}) {
    this.name = model.manifest.name ?? 'vqa model';
    this.withAttention = options.withAttention ?? false;
    this.runner = options.runner ?? model.session;
  }

  async answerBatch(items: readonly QuestionOnGraph[]): Promise<EvalAnswer[]> {
    const { words, answers: vocabulary, graph: graphVocabularies } = this.model.vocabularies;
    const answers = new Array<EvalAnswer>(items.length);
    const slots: number[] = [];
    const tokens: Int32Array[] = [];
    const graphs: SceneGraph[] = [];
    const unknown: number[] = [];
    items.forEach((item, i) => {
      let encoded;
      try {
        encoded = words.encode(item.question.question.question);
      } catch (error) {
        if (!isQuestionError(error)) throw error;
        answers[i] = { prediction: '', confidence: 0, cause: 'unreadable-question', detail: error.message };
        return;
      }
      if (encoded.unknown.length === encoded.tokens.length) {
        answers[i] = { prediction: '', confidence: 0, cause: 'unreadable-question', detail: `every word is unknown to the model: ${encoded.unknown.join(' ')}` };
        return;
      }
      slots.push(i);
      tokens.push(encoded.ids);
      graphs.push(item.graph);
      unknown.push(encoded.unknown.length);
    });
    if (slots.length === 0) return answers;

    const inputs = buildGraphInputs(graphs, graphVocabularies);
    const out = await this.runner.run({ ...questionFeeds(tokens), ...graphFeeds(inputs) });
    const A = out.answers;
    const probs = out.probs;
    const columns = out.groundingColumns;
    const readout = columns - 1;
    slots.forEach((slot, b) => {
      const row = b * A;
      let best = 0;
      for (let a = 1; a < A; a++) if (probs[row + a]! > probs[row + best]!) best = a;
      let attention: ObjectAttention[] | undefined;
      if (this.withAttention) {
        attention = [];
        for (let n = inputs.objectOffsets[b]!; n < inputs.objectOffsets[b + 1]!; n++) {
          attention.push([inputs.nodeIds[n]!, Math.round(out.grounding[n * columns + readout]! * ATTENTION_DIGITS) / ATTENTION_DIGITS]);
        }
      }
      answers[slot] = {
        prediction: vocabulary.answer(best),
        confidence: probs[row + best]!,
        ...(unknown[b]! > 0 ? { unknownWords: unknown[b]! } : {}),
        ...(attention ? { attention } : {}),
      };
    });
    return answers;
  }
}
