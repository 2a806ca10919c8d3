/** A file given to the evaluation browser that is not a metrics, predictions, questions or job file. */
export class EvaluationFileError extends Error {
  override name = 'EvaluationFileError' as const;

  constructor(file: string, message: string) {
    super(`evaluation/files: ${file}: ${message}`);
  }
}
