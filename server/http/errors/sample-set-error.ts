/** The committed sample set cannot be loaded (a missing or malformed file, an image without its file). */
export class SampleSetError extends Error {
  override name = 'SampleSetError' as const;

  constructor(message: string) {
    super(`http/samples: ${message}`);
  }
}
