/** Thrown when reverse-mode differentiation failed: an op without a gradient rule, or a rule that returned the wrong number of gradients. Messages start with the module that threw (e.g. `nn/...: `). */
export class AutodiffError extends Error {
  override name = 'AutodiffError' as const;
}
