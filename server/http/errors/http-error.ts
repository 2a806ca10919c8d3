/**
 * An error to answer with: an HTTP status, a stable machine-readable `code`, a message for people and,
 * for invalid input, the JSON path of the bad field. The error handler turns it into
 * `{error: {code, message, path?}}`; nothing else (no stack, no cause) reaches the client.
 */
import type { z } from 'zod';
import type { JsonPath } from '../../../graph/errors/graph-format-error.ts';
import type { ErrorCodeSchema } from '../schemas/common.ts';

/** The stable error codes of the API (the enum in the OpenAPI document). */
export type HttpErrorCode = z.infer<typeof ErrorCodeSchema>;

export interface HttpErrorOptions {
  path?: JsonPath;
  /** Seconds for a Retry-After header (429 and 503). */
  retryAfterSeconds?: number;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Allow`). */
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  override name = 'HttpError' as const;
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly path: JsonPath | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: HttpErrorCode, message: string, options: HttpErrorOptions = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = options.path;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers ?? {};
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError || (error instanceof Error && error.name === 'HttpError');
}
