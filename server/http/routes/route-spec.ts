/**
 * A route, described once: method, path, the zod schemas of its body and responses, the error statuses
 * it can answer with, and its handler. app.ts mounts it (with the body parsers its schemas call for) and
 * openapi/build-openapi.ts documents it from the same description.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { BodyKind } from '../middleware/body-parsers.ts';

export interface RouteResponse {
  description: string;
  /** JSON body schema; absent for non-JSON bodies (see contentType). */
  schema?: z.ZodType;
  /** Media type of a non-JSON body (e.g. `image/png`). */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: 'get' | 'post';
  /** Path under /api/v1, express syntax (`/samples/:id`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** False only for /health: reachable without the API key. */
  requiresKey: boolean;
  /** Accepted bodies: JSON and/or multipart (file field `image`), each with its schema for the docs. */
  body?: { kinds: BodyKind[]; json?: z.ZodType; multipart?: z.ZodType; maxJsonBytes?: number };
  /** Path parameters, for the docs (handlers look them up and answer 404 themselves). */
  params?: Record<string, string>;
  /** Query parameters, for the docs. */
  query?: z.ZodObject;
  /** Success responses by status. */
  responses: Record<number, RouteResponse>;
  /** Runs inference through the work queue: admission control applies before the body is read. */
  queued?: boolean;
  /** Error statuses this route can answer with (each with the Error body). */
  errors: number[];
  handler: RequestHandler;
}
