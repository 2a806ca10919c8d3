/** Why an image could not be turned into a model input. */
export type ImageProblem = 'empty' | 'not-an-image' | 'corrupt' | 'too-large' | 'unreadable';

/**
 * An image file or buffer that cannot be used: empty, not an image, corrupt or truncated, over the
 * pixel limit, or unreadable. `problem` is machine-readable (the API maps it to a 4xx); the message
 * starts with `sgg/image:` and names the source.
 */
export class ImageInputError extends Error {
  override name = 'ImageInputError' as const;

  constructor(
    message: string,
    readonly problem: ImageProblem,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isImageInputError(error: unknown): error is ImageInputError {
  return error instanceof ImageInputError || (error instanceof Error && error.name === 'ImageInputError');
}
