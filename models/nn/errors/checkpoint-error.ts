/** Thrown when a checkpoint could not be written, read, or does not match the model it is loaded into. Messages start with the module that threw (e.g. `nn/...: `). */
export class CheckpointError extends Error {
  override name = 'CheckpointError' as const;
}
