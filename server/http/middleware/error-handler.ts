/**
 * The last middleware: every failure becomes `{error: {code, message, path?}}` with the right status.
 * Known failures (HttpError, body-parser and multer errors, a full queue, a passed deadline, malformed
 * data reported by graph/) keep their message; anything else is a 500 with a generic message, and its
 * stack goes to the log only. 429 and 503 carry Retry-After.
 */
import type { ErrorRequestHandler, Response } from 'express';
import multer from 'multer';
import { formatJsonPath, isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { HttpError, isHttpError } from '../errors/http-error.ts';
import { QueueFullError } from '../errors/queue-full-error.ts';
import type { ErrorResponse } from '../schemas/common.ts';
import { ERROR_CODE_LOCAL } from './request-logger.ts';

/** The error body-parser attaches `type` and `status` to. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as Partial<BodyParserError>).type === 'string' && typeof (error as Partial<BodyParserError>).status === 'number';
}

function fromBodyParser(error: BodyParserError): HttpError {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', `the body is not valid JSON (${error.message})`);
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'the body is larger than this endpoint accepts');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', error.message);
    default:
      return new HttpError(400, 'invalid_request', `the body could not be read (${error.message})`);
  }
}

const MULTER_ERRORS: Record<string, [number, 'payload_too_large' | 'invalid_multipart']> = {
  LIMIT_FILE_SIZE: [413, 'payload_too_large'],
  LIMIT_FIELD_VALUE: [413, 'payload_too_large'],
  LIMIT_PART_COUNT: [413, 'payload_too_large'],
  LIMIT_FIELD_KEY: [400, 'invalid_multipart'],
  LIMIT_FIELD_COUNT: [400, 'invalid_multipart'],
  LIMIT_FILE_COUNT: [400, 'invalid_multipart'],
  LIMIT_UNEXPECTED_FILE: [400, 'invalid_multipart'],
  MISSING_FIELD_NAME: [400, 'invalid_multipart'],
};

function fromMulter(error: multer.MulterError): HttpError {
  const [status, code] = MULTER_ERRORS[error.code] ?? [400, 'invalid_multipart'];
  const field = error.field ? `${error.field}: ` : '';
  return new HttpError(status, code, `${field}${error.message.toLowerCase()}`, error.field ? { path: [error.field] } : {});
}

/** Any thrown value -> the HttpError to answer with, or undefined for an unexpected failure. */
export function toHttpError(error: unknown): HttpError | undefined {
  if (isHttpError(error)) return error;
  if (error instanceof QueueFullError) {
    return new HttpError(503, 'overloaded', 'the server is at capacity; retry later', { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof multer.MulterError) return fromMulter(error);
  if (isBodyParserError(error)) return fromBodyParser(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new HttpError(503, 'timeout', 'the request took longer than the server allows; retry later', { retryAfterSeconds: 1 });
  }
  if (isGraphFormatError(error)) return new HttpError(400, 'invalid_request', error.message, { path: error.path });
  return undefined;
}

export function sendError(res: Response, error: HttpError): void {
  res.locals[ERROR_CODE_LOCAL] = error.code;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  const body: ErrorResponse = { error: { code: error.code, message: error.message } };
  if (error.path !== undefined) body.error.path = formatJsonPath(error.path);
  res.status(error.status).json(body);
}

export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (res.headersSent) {
      // The deadline already answered; this is the late failure of work nobody waits for any more.
      if (!res.writableEnded) res.destroy();
      return;
    }
    const known = toHttpError(error);
    if (known) {
      sendError(res, known);
      return;
    }
    // pino-http logs this error (with its stack) on the request's line; the client sees no detail.
    (res as unknown as { err?: unknown }).err = error;
    sendError(res, new HttpError(500, 'internal', 'internal server error'));
  };
}
