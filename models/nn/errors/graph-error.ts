/** Thrown when the graph builder was misused: tensors of two graphs mixed, a name defined twice, an unknown input. Messages start with the module that threw (e.g. `nn/...: `). */
export class GraphError extends Error {
  override name = 'GraphError' as const;
}
