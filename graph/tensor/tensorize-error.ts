/** A scene graph that cannot be turned into tensors (e.g. an image of size 0). Messages start with `tensor/tensorize:`. */
export class TensorizeError extends Error {
  override name = 'TensorizeError' as const;
}

export function isTensorizeError(error: unknown): error is TensorizeError {
  return error instanceof TensorizeError || (error instanceof Error && error.name === 'TensorizeError');
}
