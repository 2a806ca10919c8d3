/**
 * Inputs the scorer cannot reconcile: a question without a gold answer, a duplicate id, an annotated
 * object missing from the scene graphs, inputs fed in the wrong order. Messages start with `score:`.
 */
export class ScoreInputError extends Error {
  override name = 'ScoreInputError' as const;

  constructor(message: string) {
    super(`score: ${message}`);
  }
}
