/**
 * An API call that did not succeed: the server's `{error: {code, message, path?}}` body, or a network
 * failure (`status` 0, code `network`). `retryAfterSeconds` comes from a 429 / 503 Retry-After header.
 */
export class ApiError extends Error {
  override name = 'ApiError' as const;
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, options: { path?: string; retryAfterSeconds?: number } = {}) {
    super(`api: ${message}`);
    this.status = status;
    this.code = code;
    this.path = options.path;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The server's own message, without the `api:` prefix, for showing on the page. */
  get detail(): string {
    return this.message.replace(/^api: /, '');
  }

  /** A model the request needs is not loaded (503 model_unavailable). */
  get modelUnavailable(): boolean {
    return this.code === 'model_unavailable';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (value instanceof Error && value.name === 'ApiError');
}
