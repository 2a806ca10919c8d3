/**
 * Admission control for routes that queue inference: a request is admitted by the work queue from its
 * first byte (bodies are buffered in memory before they reach the queue) and released when answered.
 * Beyond concurrency + maxQueued admitted requests, one more is refused with 503 `overloaded` +
 * Retry-After before its body is read, so memory stays bounded by that many bodies however many
 * clients push at once.
 */
import type { RequestHandler } from 'express';
import { HttpError } from '../errors/http-error.ts';
import type { WorkQueue } from '../work-queue.ts';

export function admission(queue: WorkQueue): RequestHandler {
  return (_req, res, next) => {
    if (!queue.admit()) {
      res.setHeader('Connection', 'close');
      next(new HttpError(503, 'overloaded', 'the server is at capacity; retry later', { retryAfterSeconds: queue.retryAfterSeconds() }));
      return;
    }
    res.once('close', () => queue.release());
    next();
  };
}
