/**
 * Training or evaluation data that cannot be used: a missing split folder, a question whose image has
 * no scene graph, a view cache that does not match its images. Messages start with `vqa/<module>:`.
 */
export class VqaDataError extends Error {
  override name = 'VqaDataError' as const;
}

export function isVqaDataError(error: unknown): error is VqaDataError {
  return error instanceof VqaDataError || (error instanceof Error && error.name === 'VqaDataError');
}
