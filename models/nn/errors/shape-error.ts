/** Thrown when a tensor's dtype or shape does not fit the op it is passed to (found while building a graph). Messages start with the module that threw (e.g. `nn/...: `). */
export class ShapeError extends Error {
  override name = 'ShapeError' as const;
}
