/**
 * A question the model cannot take: empty (no word left after tokenization) or longer than the model's
 * token limit. Messages start with `vqa/question:`. Unknown words are not an error: they map to `<unk>`
 * and are reported with the answer.
 */
export class QuestionError extends Error {
  override name = 'QuestionError' as const;
}

export function isQuestionError(error: unknown): error is QuestionError {
  return error instanceof QuestionError || (error instanceof Error && error.name === 'QuestionError');
}
