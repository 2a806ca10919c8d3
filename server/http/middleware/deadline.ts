/**
 * Every request gets a deadline. Its AbortSignal (`requestSignal(res)`) fires when the deadline passes
 * or the client goes away, so queued work is dropped instead of run for nobody; if no response has been
 * sent by then, the client gets 503 `timeout` with Retry-After. Slow uploads are cut separately by the
 * Node server's requestTimeout (see server.ts).
 */
import type { RequestHandler, Response } from 'express';
import { HttpError } from '../errors/http-error.ts';
import { sendError } from './error-handler.ts';

const SIGNAL_LOCAL = 'sgvqaSignal';

export function deadline(ms: number): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new DOMException(`the request took longer than ${ms} ms`, 'TimeoutError'));
      if (res.headersSent) return;
      const answer = (): void => {
        if (!res.headersSent) sendError(res, new HttpError(503, 'timeout', `the request took longer than ${ms} ms; retry later`, { retryAfterSeconds: 1 }));
      };
      // Answering while the client is still uploading would reset its connection mid-send: let the rest
      // of the body arrive (the server's requestTimeout bounds that) and answer then.
      if (req.complete) answer();
      else {
        res.setHeader('Connection', 'close');
        req.once('end', answer);
        req.resume();
      }
    }, ms);
    timer.unref();
    res.on('close', () => {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort(new DOMException('the client closed the connection', 'AbortError'));
    });
    res.locals[SIGNAL_LOCAL] = controller.signal;
    next();
  };
}

/** The request's deadline / disconnect signal (a never-aborting one outside the deadline middleware). */
export function requestSignal(res: Response): AbortSignal {
  const signal: unknown = res.locals[SIGNAL_LOCAL];
  return signal instanceof AbortSignal ? signal : new AbortController().signal;
}

/** Sends JSON unless the deadline already answered for this request. */
export function replyJson(res: Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.status(status).json(body);
}
