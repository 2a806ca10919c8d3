/**
 * A VQA model file, manifest, checkpoint or configuration that cannot be used (missing file, wrong
 * format, vocabularies that do not fit the graph). Messages start with `vqa/<module>:`.
 */
export class VqaModelError extends Error {
  override name = 'VqaModelError' as const;
}

export function isVqaModelError(error: unknown): error is VqaModelError {
  return error instanceof VqaModelError || (error instanceof Error && error.name === 'VqaModelError');
}
