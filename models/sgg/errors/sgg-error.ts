/**
 * A failure of the scene-graph generator's own machinery: bad training options, an unusable data folder,
 * a checkpoint that does not fit. Messages start with the module that threw (`sgg/train: ...`).
 */
export class SggError extends Error {
  override name = 'SggError' as const;
}

export function isSggError(error: unknown): error is SggError {
  return error instanceof SggError || (error instanceof Error && error.name === 'SggError');
}
