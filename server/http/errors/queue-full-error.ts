/** The work queue is at capacity: the caller should answer 503 and ask the client to retry later. */
export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
  /** A whole-second estimate of when a slot frees up (queued work / throughput), at least 1. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(`http/work-queue: ${message}`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
