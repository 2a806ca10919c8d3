/**
 * Validates untrusted request data with a zod schema at the HTTP edge. A failure becomes a 400 HttpError
 * naming the first bad field (`$.sceneGraph.objects["3"].x: expected number`); problems with the
 * question get their own code, `invalid_question`, so clients can tell the user what to fix.
 */
import type { z } from 'zod';
import { formatJsonPath, type JsonPath } from '../../../graph/errors/graph-format-error.ts';
import { HttpError } from '../errors/http-error.ts';

export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, basePath: JsonPath = []): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path: JsonPath = [...basePath, ...(issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part))];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  const message = `${formatJsonPath(path)}: ${issue?.message ?? 'invalid value'}${more}`;
  const code = path[basePath.length] === 'question' ? 'invalid_question' : 'invalid_request';
  return fail(code, message, path);
}

function fail(code: 'invalid_question' | 'invalid_request', message: string, path: JsonPath): never {
  throw new HttpError(400, code, message, { path });
}
