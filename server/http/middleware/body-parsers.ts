/**
 * Body parsing for POST routes, bounded before anything is buffered: a Content-Type guard (415 for
 * anything but the accepted types), a JSON parser with a byte limit (413 beyond it) and a multipart
 * parser holding at most one file of `uploadBytes` in memory (multer's memory storage) plus a few short
 * text fields. Malformed multipart data (no boundary, cut short) is a 400 `invalid_multipart`.
 */
import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { HttpError } from '../errors/http-error.ts';

export type BodyKind = 'json' | 'multipart';

const MEDIA_TYPES: Record<BodyKind, string> = { json: 'application/json', multipart: 'multipart/form-data' };

export interface BodyLimits {
  jsonBytes: number;
  uploadBytes: number;
}

/** Bytes of one text field of a multipart form (a question is at most 300 characters). */
export const MULTIPART_FIELD_BYTES = 4096;

function contentTypeGuard(kinds: BodyKind[]): RequestHandler {
  const types = kinds.map((kind) => MEDIA_TYPES[kind]);
  return (req, _res, next) => {
    if (req.is(types)) {
      next();
      return;
    }
    const sent = req.get('content-type');
    next(new HttpError(415, 'unsupported_media_type', `expected ${types.join(' or ')}, got ${sent ? `"${sent.split(';')[0]}"` : 'no Content-Type'}`));
  };
}

function multipartParser(fileField: string, uploadBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: uploadBytes, files: 1, fields: 8, parts: 9, fieldSize: MULTIPART_FIELD_BYTES, fieldNameSize: 64, headerPairs: 64 },
  }).single(fileField);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    upload(req, res, (error?: unknown) => {
      if (error === undefined || error === null) next();
      else if (error instanceof multer.MulterError) next(error);
      else next(new HttpError(400, 'invalid_multipart', `malformed multipart body (${error instanceof Error ? error.message : String(error)})`));
    });
  };
}

/** The middleware chain that reads a body of one of `kinds`; the file field of a form is `fileField`. */
export function readBody(kinds: BodyKind[], limits: BodyLimits, fileField = 'image'): RequestHandler[] {
  const chain: RequestHandler[] = [contentTypeGuard(kinds)];
  if (kinds.includes('json')) chain.push(express.json({ limit: limits.jsonBytes, strict: false, type: MEDIA_TYPES.json }));
  if (kinds.includes('multipart')) chain.push(multipartParser(fileField, limits.uploadBytes));
  return chain;
}
