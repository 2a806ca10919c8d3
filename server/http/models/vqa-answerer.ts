/**
 * models/vqa's model and its `answer()` entry point behind the server's Answerer port. The model runs in
 * its own onnxruntime session (one intra-op thread, as the CLI uses it), in an inference worker thread
 * (workers/): onnxruntime-node runs a session synchronously on the calling thread. A question the model
 * cannot read (more words than it takes) is a 400 `invalid_question`; unknown words are answered and
 * reported.
 */
import { relative } from 'node:path';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { answer, isQuestionError, loadVqaModel, type LocationClassifier, type VqaModel } from '../../../models/vqa/index.ts';
import { HttpError } from '../errors/http-error.ts';
import type { Answerer, ModelAnswer, ModelDescription } from './model-ports.ts';

/** Answers listed in topK. */
const TOP_K = 5;

export class VqaAnswerer implements Answerer {
  readonly description: ModelDescription;

  private constructor(private readonly model: VqaModel, file: string) {
    const { manifest } = model;
    this.description = { name: manifest.name, version: `step ${manifest.step}, sha256 ${manifest.sha256.slice(0, 12)}`, file: relative(process.cwd(), file), manifest };
  }

  static async load(file: string): Promise<VqaAnswerer> {
    return new VqaAnswerer(await loadVqaModel(file, { threads: 1 }), file);
  }

  /** The classifier that gives predicted graphs their location (null when the model has none). */
  get locations(): LocationClassifier | null {
    return this.model.locations;
  }

  async answer(graph: SceneGraph, question: string): Promise<ModelAnswer> {
    let result;
    try {
      result = await answer({ model: this.model }, { sceneGraph: graph }, question, { topK: TOP_K });
    } catch (error) {
      if (isQuestionError(error)) {
        throw new HttpError(400, 'invalid_question', `$.question: ${error.message.replace(/^vqa\/question: /, '')}`, { path: ['question'] });
      }
      throw error;
    }
    return {
      answer: result.answer,
      confidence: result.confidence,
      topK: result.topK.map(({ answer: text, p }) => ({ answer: text, p })),
      grounding: result.grounding.map((round) => ({
        round: round.round,
        kind: round.kind,
        scene: round.scene,
        objects: round.objects.map(({ id, name, weight }) => ({ id, name, weight })),
      })),
      unknownWords: [...result.unknownWords],
      warnings: [...result.warnings],
      timings: { questionMs: result.timings.question, tensorizeMs: result.timings.tensorize, modelMs: result.timings.model },
    };
  }

  async dispose(): Promise<void> {
    await this.model.release();
  }
}
