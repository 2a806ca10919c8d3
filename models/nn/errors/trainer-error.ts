/** Thrown when the runtime was given feeds or options that do not fit its graphs, or onnxruntime failed. Messages start with the module that threw (e.g. `nn/...: `). */
export class TrainerError extends Error {
  override name = 'TrainerError' as const;
}
