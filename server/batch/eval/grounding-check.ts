/**
 * Whether the grounding metric can be computed for a run: it needs, for every balanced question, the
 * boxes of the objects its annotations point to (`annotations.question` and `.fullAnswer`, as the scorer
 * reads them). Annotations refer to the annotated graphs; when the given scene graphs are others (graphs
 * predicted by a generator, say), the first question that points to an object they lack turns grounding
 * off for the run, with that question named as the reason, instead of failing the scoring at the end.
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';

export class GroundingCheck {
  /** Why grounding cannot be computed (undefined while it can). */
  problem: string | undefined;

  constructor(private readonly hasObject: (imageId: string, objectId: string) => boolean, initialProblem?: string) {
    this.problem = initialProblem;
  }

  get possible(): boolean {
    return this.problem === undefined;
  }

  check(questionId: string, question: GqaQuestion): void {
    if (this.problem !== undefined || question.isBalanced !== true) return;
    const annotations = question.annotations;
    for (const part of [annotations?.question, annotations?.fullAnswer]) {
      for (const objectId of Object.values(part ?? {})) {
        if (!this.hasObject(question.imageId, objectId)) {
          this.problem = `question ${questionId} is annotated with object "${objectId}" of image ${question.imageId}, ` +
            'which the scene graphs lack (grounding needs the annotated graphs)';
          return;
        }
      }
    }
  }
}
