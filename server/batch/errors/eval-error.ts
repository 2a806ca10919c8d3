/**
 * A batch evaluation that cannot go on: an input it cannot use (a missing file, a questions file without
 * questions), or a part that broke its contract. Messages start with `eval:`. Problems with one question
 * or one image are not errors: they are recorded as unanswered questions.
 */
export class EvalError extends Error {
  override name = 'EvalError' as const;

  constructor(message: string, options?: ErrorOptions) {
    super(`eval: ${message}`, options);
  }
}
