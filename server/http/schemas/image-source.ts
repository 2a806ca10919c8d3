/**
 * Where an image or a graph comes from in a JSON request: a base64 image, a committed sample, or (for
 * /answer) a GQA scene graph. Exactly one must be given; the check names the fields in its message.
 */
import { z } from 'zod';
import { HttpError } from '../errors/http-error.ts';

export const Base64ImageSchema = z
  .string()
  .min(1, 'the image is empty')
  .meta({
    description: 'A PNG, JPEG or WebP file as base64 (a `data:image/...;base64,` prefix is accepted).',
    contentEncoding: 'base64',
  });

/** Exactly one of `keys` is present in `value` (zod refinement for request objects). */
export function exactlyOne(keys: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const given = keys.filter((key) => value[key] !== undefined);
    if (given.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message: given.length === 0 ? `give one of ${keys.join(', ')}` : `give only one of ${keys.join(', ')} (got ${given.join(' and ')})`,
      path: given.length === 0 ? [] : [given[1]!],
    });
  };
}

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 image field, or a 400 naming the field (Buffer.from would silently skip bad characters). */
export function decodeBase64Image(text: string, field = 'image'): Buffer {
  const body = text.replace(DATA_URL, '').replace(/\s+/g, '');
  if (body.length % 4 === 1 || !BASE64.test(body)) {
    throw new HttpError(400, 'invalid_request', `$.${field}: not valid base64`, { path: [field] });
  }
  return Buffer.from(body, 'base64');
}
