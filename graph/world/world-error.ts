/**
 * A failure of the shapes world: invalid generation options, a question the executor answers differently
 * from its template (a bug, never data), an output folder that cannot be used. Messages start with the
 * module they come from (`world/sampler: ...`).
 */
export class WorldError extends Error {
  override name = 'WorldError' as const;
}

export function isWorldError(error: unknown): error is WorldError {
  return error instanceof WorldError || (error instanceof Error && error.name === 'WorldError');
}
