/**
 * The optional API key: when configured, a request must carry it as `X-API-Key: <key>` or
 * `Authorization: Bearer <key>`, else 401 `unauthorized`. Keys are compared as SHA-256 digests with
 * timingSafeEqual, so the comparison takes the same time whatever the key sent.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from '../errors/http-error.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

function presentedKey(req: Request): string | undefined {
  const header = req.get('x-api-key');
  if (header !== undefined) return header;
  const authorization = req.get('authorization');
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match?.[1];
}

export function requireApiKey(key: string): RequestHandler {
  const expected = digest(key);
  return (req, _res, next) => {
    const presented = presentedKey(req);
    if (presented === undefined) {
      next(new HttpError(401, 'unauthorized', 'this server requires an API key (X-API-Key header or Authorization: Bearer)', { headers: { 'WWW-Authenticate': 'Bearer' } }));
      return;
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      next(new HttpError(401, 'unauthorized', 'the API key is not valid', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }));
      return;
    }
    next();
  };
}
